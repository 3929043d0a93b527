/**
 * Broker process: {@link org.tidemq.broker.BrokerStartup} ({@code mqbroker}) parses the command line and
 * configuration, {@link org.tidemq.broker.BrokerController} wires store, managers, processors and registration.
 */
package org.tidemq.broker;
