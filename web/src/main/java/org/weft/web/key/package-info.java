/**
 * The key API of the server-server spec ("Retrieving server keys", "Publishing Keys"): this
 * server's signing keys at {@code /_matrix/key/v2/server}.
 */
package org.weft.web.key;
