/** End-to-end encryption keys of devices (client-server API, "End-to-End Encryption", "Key management API"). */
package org.weft.persistence.e2e;
