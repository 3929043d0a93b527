package org.tidemq.broker.config;

/** A broker configuration that cannot be used; the message names the RocketMQ key and the offending value. */
public final class BrokerConfigException extends IllegalArgumentException {
    public BrokerConfigException(String message) {
        super(message);
    }

    public BrokerConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
