/**
 * Consumer offsets: committed offsets ({@code topic@group} → queue → offset, {@code consumerOffset.json}) and their
 * flusher, plus the offset requests clients make (QUERY/UPDATE_CONSUMER_OFFSET, max/min offset, search by time).
 */
package org.tidemq.broker.offset;
