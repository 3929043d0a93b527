package org.tidemq.tools.benchmark;

import java.util.Locale;

/** Which client library generates the load, so client and broker costs can be told apart. */
public enum ClientKind {
    /** TideMQ's own client (always on the tool's classpath). */
    TIDEMQ,
    /** Apache RocketMQ's official Java client; only present when run from bench/ with {@code -Papache-anchor}. */
    ROCKETMQ;

    public String commandName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
