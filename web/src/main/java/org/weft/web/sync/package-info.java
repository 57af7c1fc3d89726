/**
 * /sync and what it carries (client-server API, "Syncing", "Filtering", "Typing Notifications",
 * "Receipts", "Fully read markers", "Client Config", "Room Tagging").
 */
package org.weft.web.sync;
