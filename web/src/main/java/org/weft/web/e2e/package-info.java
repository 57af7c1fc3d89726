/** End-to-end encryption key endpoints (client-server API, "Key management API"). */
package org.weft.web.e2e;
