/**
 * Operator APIs kept compatible with the Synapse admin API that Matrix tooling speaks: shared-secret
 * registration and registration-token management.
 */
package org.weft.ejb.admin;
