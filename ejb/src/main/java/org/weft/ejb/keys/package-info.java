/** The server's signing key (server-server API "Retrieving server keys"; appendices "Signing JSON"). */
package org.weft.ejb.keys;
