/**
 * Client library speaking RocketMQ's classic remoting protocol: {@link org.tidemq.client.producer.Producer} for
 * publishing, {@link org.tidemq.client.consumer.PullConsumer} (and the push consumer in {@code consumer.push}) for
 * reading, {@link org.tidemq.client.admin.AdminClient} for administration, with routes from name servers
 * ({@code client.route}). Depends only on tidemq-common, Netty and slf4j.
 */
package org.tidemq.client;
