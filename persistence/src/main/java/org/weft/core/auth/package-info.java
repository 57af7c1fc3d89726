/**
 * Event authorisation (room versions 1-12, "Authorisation rules"; server-server API, "Checks
 * performed on receipt of a PDU"): {@link org.weft.core.auth.EventAuthRules} and the rules it is
 * split into (membership, power level changes, redactions, third-party invites), and the choice of
 * auth events for a new event ("Auth events selection"). Pure Java, tested with per-version tables.
 */
package org.weft.core.auth;
