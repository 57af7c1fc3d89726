/** HTTP concerns shared by all resources: CORS (client-server API, "Web Browser Clients"), client addresses. */
package org.weft.web.http;
