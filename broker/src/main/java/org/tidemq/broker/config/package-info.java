/**
 * Broker configuration: one small validated record per concern, aggregated in
 * {@link org.tidemq.broker.config.BrokerConfig} and mapped from RocketMQ {@code broker.properties} keys in one place,
 * {@link org.tidemq.broker.config.BrokerConfigMapper}.
 */
package org.tidemq.broker.config;
