/**
 * Pure pieces of the server-server API that need no network: the {@code X-Matrix} request
 * authorization ("Request Authentication": the signed request JSON and the header's RFC 9110
 * auth-param syntax) and server key responses ("Retrieving server keys", "Publishing Keys").
 */
package org.weft.core.federation;
