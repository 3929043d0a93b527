package org.tidemq.broker.timer;

/**
 * The wheel file: a header, then {@code slotCount} fixed-size slots. Slot {@code n} (absolute: deliver ms /
 * precision) lives at index {@code n % slotCount}; the slot records which absolute slot it currently holds, so a slot
 * left from an earlier lap reads as empty. Big-endian.
 *
 * <pre>
 * header (HEADER_SIZE bytes)
 * 0  MAGIC               int
 * 4  VERSION             int
 * 8  PRECISION_MS        long  slot width
 * 16 SLOT_COUNT          long
 * 24 NEXT_QUEUE_OFFSET   long  next timer-queue offset to index
 * 32 FIRED_THROUGH_SLOT  long  every entry of every slot up to this one is fired or skipped
 * slot (SLOT_SIZE bytes) at HEADER_SIZE + index * SLOT_SIZE
 * 0  SLOT_NUMBER         long  absolute slot held; 0 = never used
 * 8  TAIL                long  queue offset of the last entry linked (chain goes backwards)
 * 16 COUNT               int   entries linked
 * </pre>
 */
public final class TimerWheelLayout {
    public static final int MAGIC_VALUE = 0x544D5748;
    public static final int VERSION_VALUE = 1;

    public static final int MAGIC = 0;
    public static final int VERSION = 4;
    public static final int PRECISION_MS = 8;
    public static final int SLOT_COUNT = 16;
    public static final int NEXT_QUEUE_OFFSET = 24;
    public static final int FIRED_THROUGH_SLOT = 32;
    public static final int HEADER_SIZE = 64;

    public static final int SLOT_NUMBER = 0;
    public static final int TAIL = 8;
    public static final int COUNT = 16;
    public static final int SLOT_SIZE = 24;

    private TimerWheelLayout() {
    }

    /** Byte position of the slot holding absolute slot {@code slotNumber}. */
    public static long slotPosition(long slotNumber, long slotCount) {
        return HEADER_SIZE + Math.floorMod(slotNumber, slotCount) * (long) SLOT_SIZE;
    }

    public static long fileSize(long slotCount) {
        return HEADER_SIZE + slotCount * SLOT_SIZE;
    }
}
