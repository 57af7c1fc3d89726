/**
 * Push rules (client-server API, "Push Rules", "Conditions", "Actions", "Predefined Rules";
 * appendices "Glob-style matching", "Dot-separated property paths"): rules parsed from their JSON,
 * compiled once per rule set into matchers, and evaluated against an event for one user. Pure
 * Java; the server feeds in what it knows of the room (member count, display name, power levels).
 */
package org.weft.core.push;
