/**
 * Redelivery of messages consumers failed to process: CONSUMER_SEND_MSG_BACK copies them, parked under their delay
 * level ({@link org.tidemq.broker.schedule}), to the group's retry topic, or to its dead-letter topic once retries
 * are exhausted; plain sends to a retry topic (the client's fallback) are routed the same way.
 */
package org.tidemq.broker.retry;
