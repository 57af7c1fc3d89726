/** Push rules, notifications and pushers (client-server API, "Push Notifications"). */
package org.weft.web.push;
