package org.tidemq.common.remoting.codec;

import java.nio.charset.StandardCharsets;

/**
 * Reuses the String objects of short ASCII texts that every header repeats (ext-field keys such as {@code a}..
 * {@code n}, {@code topic}, {@code queueId}; small values such as {@code 0}, {@code false}), so decoding a header
 * allocates strings only for the values that really vary. Direct-mapped by a hash of the bytes; a slot holds the
 * last string seen there.
 *
 * <p>Thread-safe without locks: slots hold immutable Strings, so a racing reader sees either the old or the new one
 * and verifies it against the bytes before use.
 */
final class AsciiStringCache {
    /** Texts longer than this are decoded directly (values that long are rarely repeated). */
    static final int MAX_KEY_BYTES = 48;
    static final int MAX_VALUE_BYTES = 8;
    private static final int SLOTS = 2048;
    private static final String[] CACHE = new String[SLOTS];

    private AsciiStringCache() {
    }

    /** The text of {@code bytes[offset, offset + length)}; cached when it is ASCII and at most {@code maxBytes}. */
    static String get(byte[] bytes, int offset, int length, int maxBytes) {
        if (length > maxBytes) {
            return new String(bytes, offset, length, StandardCharsets.UTF_8);
        }
        int hash = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            byte b = bytes[i];
            if (b < 0) {
                return new String(bytes, offset, length, StandardCharsets.UTF_8);
            }
            hash = 31 * hash + b;
        }
        int slot = (hash ^ (hash >>> 11)) & (SLOTS - 1);
        String cached = CACHE[slot];
        if (cached != null && matches(cached, bytes, offset, length)) {
            return cached;
        }
        String text = new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        CACHE[slot] = text;
        return text;
    }

    private static boolean matches(String text, byte[] bytes, int offset, int length) {
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) != bytes[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
