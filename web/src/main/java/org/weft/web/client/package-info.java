/**
 * Client-server API resources: versions, capabilities, registration, login, account and devices
 * (client-server API v1.19). Resources parse, validate and delegate; errors are thrown, never built.
 */
package org.weft.web.client;
