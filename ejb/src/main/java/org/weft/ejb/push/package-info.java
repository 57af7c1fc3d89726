/**
 * Push notifications (client-server API, "Push Notifications"; push gateway API): users' push
 * rules and their API ({@code PushRulesService}, compiled sets in {@code PushRuleCache}); the
 * evaluation of every event for the room's local members in the event's own transaction
 * ({@code PushEvaluator}) and the stored outcomes behind unread counts and GET /notifications
 * ({@code PushActionStore}, {@code NotificationsService}); pushers and delivery: the queue
 * ({@code PushDeliveryStore}), push gateways ({@code PushGateway}, {@code PushNotificationBuilder}),
 * email summaries ({@code EmailSummary}), retries on EJB timers ({@code PushDeliveryTimer}).
 */
package org.weft.ejb.push;
