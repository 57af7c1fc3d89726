/** Outgoing HTTPS clients shared by federation and push delivery. */
package org.weft.ejb.net;
