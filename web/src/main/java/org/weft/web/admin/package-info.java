/**
 * Operator endpoints compatible with Synapse's admin API (shared-secret registration,
 * registration tokens), which Matrix tooling speaks.
 */
package org.weft.web.admin;
