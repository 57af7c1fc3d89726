/**
 * The one place failures become HTTP responses: the spec's standard error JSON with its status
 * (client-server API, "Standard error response", "Rate limiting").
 */
package org.weft.web.error;
