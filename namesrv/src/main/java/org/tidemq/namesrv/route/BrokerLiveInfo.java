package org.tidemq.namesrv.route;

import io.netty.channel.Channel;
import org.tidemq.common.protocol.DataVersion;

/**
 * Liveness of one broker instance. Everything but the timestamp is fixed per registration; the timestamp is
 * refreshed by heartbeats under the registry's read lock, hence volatile.
 */
final class BrokerLiveInfo {
    private volatile long lastUpdateMillis;
    private final long timeoutMillis;
    private final DataVersion dataVersion;
    private final Channel channel;
    private final String haServerAddr;

    BrokerLiveInfo(long lastUpdateMillis, long timeoutMillis, DataVersion dataVersion, Channel channel,
                   String haServerAddr) {
        this.lastUpdateMillis = lastUpdateMillis;
        this.timeoutMillis = timeoutMillis;
        this.dataVersion = dataVersion;
        this.channel = channel;
        this.haServerAddr = haServerAddr;
    }

    void touch(long nowMillis) {
        lastUpdateMillis = nowMillis;
    }

    boolean expiredAt(long nowMillis) {
        return lastUpdateMillis + timeoutMillis < nowMillis;
    }

    long lastUpdateMillis() {
        return lastUpdateMillis;
    }

    DataVersion dataVersion() {
        return dataVersion;
    }

    Channel channel() {
        return channel;
    }

    String haServerAddr() {
        return haServerAddr;
    }
}
