/** .well-known discovery documents (client-server API, "Server Discovery"; server-server API, "Server discovery"). */
package org.weft.web.wellknown;
