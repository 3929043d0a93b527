package org.tidemq.broker.config;

/** Range checks whose messages name the RocketMQ key and the value at fault. */
final class Checks {

    private Checks() {
    }

    static void positive(String key, long value) {
        if (value <= 0) {
            throw new BrokerConfigException("invalid value '" + value + "' for " + key + ": must be > 0");
        }
    }

    static void notNegative(String key, long value) {
        if (value < 0) {
            throw new BrokerConfigException("invalid value '" + value + "' for " + key + ": must be >= 0");
        }
    }

    static void range(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new BrokerConfigException("invalid value '" + value + "' for " + key + ": must be in "
                    + min + ".." + max);
        }
    }

    static String notBlank(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new BrokerConfigException("invalid value '" + (value == null ? "" : value) + "' for " + key
                    + ": must not be blank");
        }
        return value;
    }

    /** {@code host:port} with a port in 1..65535, as RocketMQ's {@code string2SocketAddress} accepts. */
    static void hostPort(String key, String value) {
        int colon = value.lastIndexOf(':');
        boolean valid = colon > 0 && colon < value.length() - 1;
        if (valid) {
            try {
                int port = Integer.parseInt(value.substring(colon + 1));
                valid = port > 0 && port <= 65535;
            } catch (NumberFormatException e) {
                valid = false;
            }
        }
        if (!valid) {
            throw new BrokerConfigException("invalid value '" + value + "' for " + key
                    + ": expected host:port with a port in 1..65535");
        }
    }
}
