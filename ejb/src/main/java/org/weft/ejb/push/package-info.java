/**
 * Push rules (client-server API, "Push Notifications", "Push Rules"). For now the server-default
 * rules of the spec's "Predefined Rules", which clients read before their first sync.
 */
package org.weft.ejb.push;
