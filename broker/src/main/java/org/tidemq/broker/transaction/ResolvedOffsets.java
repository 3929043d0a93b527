package org.tidemq.broker.transaction;

import java.util.Arrays;

/**
 * A set of half-queue offsets at or above a moving base, one bit per offset: a long-open transaction holding the
 * base back costs one bit (not an object) for every message resolved after it.
 *
 * <p>Thread-safety: all methods are synchronized.
 */
final class ResolvedOffsets {
    private static final int BITS_PER_WORD = Long.SIZE;

    private long base;
    private long[] words = new long[16];

    /** Adds {@code offset}; offsets below the base are already known to be resolved and are ignored. */
    synchronized void add(long offset) {
        if (offset < base) {
            return;
        }
        long index = (offset - base) / BITS_PER_WORD;
        if (index >= Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("half offset " + offset + " is too far above the check progress " + base);
        }
        if (index >= words.length) {
            words = Arrays.copyOf(words, (int) Math.max(index + 1, Math.min(Integer.MAX_VALUE - 8L,
                    2L * words.length)));
        }
        words[(int) index] |= 1L << ((offset - base) % BITS_PER_WORD);
    }

    /** Whether {@code offset} was added (and is not below the base). */
    synchronized boolean contains(long offset) {
        if (offset < base) {
            return false;
        }
        long index = (offset - base) / BITS_PER_WORD;
        return index < words.length && (words[(int) index] & (1L << ((offset - base) % BITS_PER_WORD))) != 0;
    }

    /** Forgets everything below {@code newBase} (rounded down to a word boundary; the rest stays). */
    synchronized void dropBelow(long newBase) {
        long shift = (newBase - base) / BITS_PER_WORD;
        if (shift <= 0) {
            return;
        }
        if (shift >= words.length) {
            Arrays.fill(words, 0L);
        } else {
            int kept = words.length - (int) shift;
            System.arraycopy(words, (int) shift, words, 0, kept);
            Arrays.fill(words, kept, words.length, 0L);
        }
        base += shift * BITS_PER_WORD;
    }

    /** Offsets held (for tests and monitoring). */
    synchronized int size() {
        int count = 0;
        for (long word : words) {
            count += Long.bitCount(word);
        }
        return count;
    }
}
