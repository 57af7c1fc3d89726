/** HTTP concerns shared by all resources: CORS (client-server API, "Web Browser Clients"), client addresses, answers held until durable. */
package org.weft.web.http;
