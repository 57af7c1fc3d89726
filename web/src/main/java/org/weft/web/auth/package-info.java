/** Access-token authentication of client-server endpoints (client-server API, "Client authentication"). */
package org.weft.web.auth;
