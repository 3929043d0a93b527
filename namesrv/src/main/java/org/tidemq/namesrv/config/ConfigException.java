package org.tidemq.namesrv.config;

/** A configuration that cannot be used; the message names the key and the offending value. */
public final class ConfigException extends IllegalArgumentException {
    public ConfigException(String message) {
        super(message);
    }
}
