package org.tidemq.broker.filter;

import java.nio.ByteBuffer;

/** Allocation-free helpers over byte ranges of buffers (absolute indices; positions are never moved). */
final class Bytes {
    /** Result of {@link #parseLong} when the bytes are not a number in range. */
    static final long NOT_A_NUMBER = Long.MIN_VALUE;

    private static final byte[] TRUE_TEXT = {'t', 'r', 'u', 'e'};

    private Bytes() {
    }

    static boolean equalRegions(ByteBuffer a, int aFrom, ByteBuffer b, int bFrom, int length) {
        for (int i = 0; i < length; i++) {
            if (a.get(aFrom + i) != b.get(bFrom + i)) {
                return false;
            }
        }
        return true;
    }

    static boolean equalRegion(ByteBuffer a, int aFrom, byte[] b, int bFrom, int length) {
        for (int i = 0; i < length; i++) {
            if (a.get(aFrom + i) != b[bFrom + i]) {
                return false;
            }
        }
        return true;
    }

    /** Index of {@code needle} within {@code [from, from+length)}, relative to {@code from}; -1 if absent. */
    static int indexOf(ByteBuffer haystack, int from, int length, byte[] needle) {
        for (int i = 0; i + needle.length <= length; i++) {
            if (equalRegion(haystack, from + i, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Parses like {@code Long.parseLong}/{@code Integer.parseInt}: optional sign then ASCII digits, nothing else,
     * within {@code [min, max]}.
     *
     * @return the value, or {@link #NOT_A_NUMBER} (so {@code Long.MIN_VALUE} itself is reported as not a number,
     *         where Java would accept it; no property compares against it in practice)
     */
    static long parseLong(ByteBuffer buffer, int from, int length, long min, long max) {
        if (length == 0) {
            return NOT_A_NUMBER;
        }
        int at = from;
        int end = from + length;
        boolean negative = false;
        byte first = buffer.get(at);
        if (first == '-' || first == '+') {
            negative = first == '-';
            at++;
            if (at == end) {
                return NOT_A_NUMBER;
            }
        }
        long value = 0;
        while (at < end) {
            int digit = buffer.get(at++) - '0';
            if (digit < 0 || digit > 9) {
                return NOT_A_NUMBER;
            }
            if (value > (Long.MAX_VALUE - digit) / 10) {
                return NOT_A_NUMBER;
            }
            value = value * 10 + digit;
        }
        long signed = negative ? -value : value;
        return signed < min || signed > max ? NOT_A_NUMBER : signed;
    }

    /** {@code Boolean.parseBoolean} of a byte range: true only for {@code true} in any case. */
    static boolean parseBoolean(ByteBuffer buffer, int from, int length) {
        if (length != TRUE_TEXT.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            int c = buffer.get(from + i);
            if ((c | 0x20) != TRUE_TEXT[i]) {
                return false;
            }
        }
        return true;
    }
}
