/**
 * Client library speaking RocketMQ's classic remoting protocol: {@link org.tidemq.client.producer.Producer} for
 * publishing, with routes from name servers ({@code client.route}). Depends only on tidemq-common, Netty and slf4j.
 */
package org.tidemq.client;
