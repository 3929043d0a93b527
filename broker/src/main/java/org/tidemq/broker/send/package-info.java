/**
 * Producer sends (SEND_MESSAGE 10, SEND_MESSAGE_V2 310, SEND_BATCH_MESSAGE 320): header decoding, topic checks and
 * auto-creation, zero-copy hand-off of the request body to the store, and the response once the store's durability
 * future settles.
 */
package org.tidemq.broker.send;
