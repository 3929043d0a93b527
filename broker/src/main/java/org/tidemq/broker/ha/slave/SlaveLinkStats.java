package org.tidemq.broker.ha.slave;

import java.util.function.LongSupplier;
import org.tidemq.broker.ha.TransferRate;

/**
 * What GET_BROKER_HA_STATUS reports about a slave's link to its master: when a frame was last read, when an offset
 * report was last written, and bytes received per second. Written on the HA client's event loop, read by any thread.
 */
public final class SlaveLinkStats {
    private final LongSupplier clockMs;
    private final TransferRate received;
    private volatile long lastReadMs;
    private volatile long lastWriteMs;

    public SlaveLinkStats(LongSupplier clockMs) {
        this.clockMs = clockMs;
        this.received = new TransferRate(clockMs);
    }

    void onFrameRead(int bodyBytes) {
        lastReadMs = clockMs.getAsLong();
        received.add(bodyBytes);
    }

    void onReportWritten() {
        lastWriteMs = clockMs.getAsLong();
    }

    /** Epoch ms of the last frame read from the master; 0 = never. */
    public long lastReadMs() {
        return lastReadMs;
    }

    /** Epoch ms of the last offset report sent to the master; 0 = never. */
    public long lastWriteMs() {
        return lastWriteMs;
    }

    /** Replicated bytes received during the last second. */
    public long bytesReceivedInLastSecond() {
        return received.bytesInLastSecond();
    }
}
