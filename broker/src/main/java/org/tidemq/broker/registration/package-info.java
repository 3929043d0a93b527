/**
 * The broker's presence on name servers: REGISTER_BROKER with the topic table at start, periodically and after a
 * topic is created; UNREGISTER_BROKER at shutdown.
 */
package org.tidemq.broker.registration;
