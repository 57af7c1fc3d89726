/**
 * JSON bodies in and out, through the protocol core's strict parser and writer (client-server
 * API, "API standards": JSON bodies, M_NOT_JSON, M_BAD_JSON).
 */
package org.weft.web.json;
