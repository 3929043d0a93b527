package org.tidemq.broker.timer;

/**
 * One timer-log entry, fixed size, at position {@code (queueOffset % entriesPerSegment) * ENTRY_SIZE} of its segment,
 * where {@code queueOffset} is the parked record's offset in the timer topic's queue. Big-endian.
 *
 * <pre>
 * 0  COMMIT_LOG_OFFSET  long  physical offset of the parked record
 * 8  MESSAGE_SIZE       int   its size
 * 12 STATE              int   EMPTY / PENDING / FIRED / SKIPPED / EXPIRED / CANCELLED (written last)
 * 16 DELIVER_MS         long  deliver time, epoch ms
 * 24 PREVIOUS_IN_SLOT   long  queue offset of the previous entry of the same wheel slot, NONE at the end
 * </pre>
 */
public final class TimerLogLayout {
    public static final int COMMIT_LOG_OFFSET = 0;
    public static final int MESSAGE_SIZE = 8;
    public static final int STATE = 12;
    public static final int DELIVER_MS = 16;
    public static final int PREVIOUS_IN_SLOT = 24;
    public static final int ENTRY_SIZE = 32;

    /** End of a slot's chain. */
    public static final long NONE = -1;

    /** Never written (a fresh file is zeros). */
    public static final int STATE_EMPTY = 0;
    /** Indexed, waiting for its time. */
    public static final int STATE_PENDING = 1;
    /** Delivered to its real topic. */
    public static final int STATE_FIRED = 2;
    /** Not deliverable (no destination, no deliver time, record gone); never fired. */
    public static final int STATE_SKIPPED = 3;
    /**
     * On a slave: its slot fell behind the window a promotion reloads ({@code timerMaxDelaySec}), so its master fired
     * it long ago; never fired here.
     */
    public static final int STATE_EXPIRED = 4;
    /** Cancelled by a {@code TIMER_DEL_UNIQKEY} message, or is such a message; never fired. */
    public static final int STATE_CANCELLED = 5;

    private TimerLogLayout() {
    }
}
