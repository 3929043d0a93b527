package org.tidemq.bench.namesrv;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * Reads single int fields ({@code code}, {@code opaque}) out of a JSON remoting header in place, without parsing the
 * whole header: the load generator needs only those two, and a full parse would cost it more CPU than the servers
 * it measures spend per lookup. Works for any key order; a key inside an escaped string cannot match because its
 * quotes would be escaped. Stateless.
 */
final class JsonHeaderScan {
    static final byte[] CODE_KEY = "\"code\":".getBytes(StandardCharsets.US_ASCII);
    static final byte[] OPAQUE_KEY = "\"opaque\":".getBytes(StandardCharsets.US_ASCII);
    /** Returned when the key is absent or not followed by an int. */
    static final long ABSENT = Long.MIN_VALUE;

    private JsonHeaderScan() {
    }

    /** The int value of {@code key} within {@code [from, to)} of {@code header}, or {@link #ABSENT}. */
    static long intField(ByteBuf header, int from, int to, byte[] key) {
        int keyAt = indexOf(header, from, to, key);
        if (keyAt < 0) {
            return ABSENT;
        }
        int position = keyAt + key.length;
        boolean negative = position < to && header.getByte(position) == '-';
        if (negative) {
            position++;
        }
        long value = 0;
        int digits = 0;
        while (position < to && digits <= 10) {
            int digit = header.getByte(position) - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            value = value * 10 + digit;
            digits++;
            position++;
        }
        if (digits == 0 || digits > 10) {
            return ABSENT;
        }
        return negative ? -value : value;
    }

    private static int indexOf(ByteBuf haystack, int from, int to, byte[] needle) {
        byte first = needle[0];
        int last = to - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (haystack.getByte(i) != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack.getByte(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
