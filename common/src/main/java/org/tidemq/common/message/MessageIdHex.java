package org.tidemq.common.message;

import java.util.HexFormat;

/** Message ids are upper-case hex of their bytes (facts §6); this is the one place that converts. */
final class MessageIdHex {
    private static final HexFormat UPPER = HexFormat.of().withUpperCase();

    private MessageIdHex() {
    }

    static String encode(byte[] bytes) {
        return UPPER.formatHex(bytes);
    }

    /** Decodes hex in either case, naming {@code what} when the text is not hex of an even length. */
    static byte[] decode(String text, String what) {
        if (text == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not hex of whole bytes: '" + text + "'", e);
        }
    }
}
