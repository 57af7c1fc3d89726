/**
 * Typing notifications, receipts and read markers, account data and room tags (client-server API,
 * "Typing Notifications", "Receipts", "Fully read markers", "Client Config", "Room Tagging").
 * Typing lives in an Infinispan cache and ends by an EJB timer; receipts and account data are rows
 * on the global sync stream.
 */
package org.weft.ejb.ephemeral;
