/**
 * HTTP concerns shared by all resources: CORS (client-server API, "Web Browser Clients"), client
 * addresses, answers held until durable, the r0 path aliases ("API standards", v1.1 changelog) and
 * the one reading of numbers in query strings.
 */
package org.weft.web.http;
