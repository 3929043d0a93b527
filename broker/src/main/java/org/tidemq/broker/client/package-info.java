/**
 * Connected clients: HEART_BEAT registers producer and consumer groups per channel with their subscriptions,
 * UNREGISTER_CLIENT and closed channels remove them, GET_CONSUMER_LIST_BY_GROUP lists a group's client ids, and
 * members are told (NOTIFY_CONSUMER_IDS_CHANGED) when a group's membership changes.
 */
package org.tidemq.broker.client;
