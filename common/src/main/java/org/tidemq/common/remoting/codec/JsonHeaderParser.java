package org.tidemq.common.remoting.codec;

import org.tidemq.common.remoting.LanguageCode;
import org.tidemq.common.remoting.RemotingCommand;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a JSON header as RocketMQ's fastjson-based decoder does: unknown keys are skipped, {@code language} may be a
 * name or an ordinal (unknown values become {@link LanguageCode#OTHER}), numbers may also arrive as numeric strings,
 * {@code null} means "absent", and non-string ext field values are kept as their JSON text. The type byte of the
 * frame, not {@code serializeTypeCurrentRPC}, decides the serialization, so that key is ignored.
 *
 * <p>Works on a byte array (the frame's backing array or a copy of the header) and allocates only the strings and the
 * ext-field map it returns. Nesting in skipped values is walked without recursion, so hostile input cannot overflow
 * the stack. One instance parses one header; not thread-safe.
 */
final class JsonHeaderParser {
    private static final byte[][] LANGUAGE_NAMES = languageNames();
    private static final int DEFAULT_EXT_FIELDS_CAPACITY = 32;

    private enum Key {
        CODE("code"), EXT_FIELDS("extFields"), FLAG("flag"), LANGUAGE("language"), OPAQUE("opaque"),
        REMARK("remark"), VERSION("version"), OTHER(null);

        private final String text;
        private final byte[] bytes;

        Key(String text) {
            this.text = text;
            this.bytes = text == null ? null : text.getBytes(StandardCharsets.US_ASCII);
        }

        private static final Key[] NAMED = {CODE, EXT_FIELDS, FLAG, LANGUAGE, OPAQUE, REMARK, VERSION};
    }

    /** Unwinds the parser to its entry point; carries the fault text, no stack trace. */
    private static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private final byte[] json;
    private final int headerStart;
    private final int end;
    private int position;

    JsonHeaderParser(byte[] json, int offset, int length) {
        this.json = json;
        this.headerStart = offset;
        this.position = offset;
        this.end = offset + length;
    }

    /** Parses the header into {@code target}; returns {@code null} on success or the fault. */
    String parseInto(RemotingCommand target) {
        try {
            parseHeader(target);
            return null;
        } catch (Malformed e) {
            return e.getMessage();
        }
    }

    private void parseHeader(RemotingCommand target) {
        skipWhitespace();
        expect('{');
        skipWhitespace();
        if (peek() == '}') {
            position++;
        } else {
            do {
                skipWhitespace();
                Key key = readKey();
                skipWhitespace();
                expect(':');
                skipWhitespace();
                readField(key, target);
                skipWhitespace();
            } while (consumeComma());
            expect('}');
        }
        skipWhitespace();
        if (position != end) {
            throw malformed("trailing bytes after the JSON header");
        }
    }

    private void readField(Key key, RemotingCommand target) {
        if (isNullLiteral()) {
            position += 4;
            return;
        }
        switch (key) {
            case CODE -> target.setCode(readInt("code"));
            case FLAG -> target.setFlag(readInt("flag"));
            case OPAQUE -> target.setOpaque(readInt("opaque"));
            case VERSION -> target.setVersion(readInt("version"));
            case LANGUAGE -> target.setLanguage(readLanguage());
            case REMARK -> target.setRemark(readScalarText());
            case EXT_FIELDS -> target.setExtFields(readExtFields());
            case OTHER -> skipValue();
        }
    }

    private boolean consumeComma() {
        if (position < end && json[position] == ',') {
            position++;
            return true;
        }
        return false;
    }

    private Key readKey() {
        expect('"');
        int start = position;
        int close = findClosingQuote();
        if (close < 0) {
            String name = readStringBody(start);
            for (Key key : Key.NAMED) {
                if (key.text.equals(name)) {
                    return key;
                }
            }
            return Key.OTHER;
        }
        position = close + 1;
        int length = close - start;
        for (Key key : Key.NAMED) {
            if (regionEquals(start, length, key.bytes)) {
                return key;
            }
        }
        return Key.OTHER;
    }

    private int readInt(String field) {
        if (peek() == '"') {
            String text = readString();
            try {
                return Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw malformed("field " + field + " is not an int: \"" + abbreviate(text) + '"');
            }
        }
        int start = position;
        boolean negative = consumeIf('-');
        long value = 0;
        int digits = 0;
        while (position < end && json[position] >= '0' && json[position] <= '9') {
            value = value * 10 + (json[position++] - '0');
            if (++digits > 10) {
                throw malformed("field " + field + " is out of int range");
            }
        }
        if (digits == 0) {
            throw malformed("field " + field + " is not a number at offset " + (start - headerStart));
        }
        value = negative ? -value : value;
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw malformed("field " + field + " is out of int range");
        }
        return (int) value;
    }

    private LanguageCode readLanguage() {
        if (peek() == '"') {
            int start = position + 1;
            int close = findClosingQuote(start);
            if (close >= 0) {
                position = close + 1;
                for (int i = 0; i < LANGUAGE_NAMES.length; i++) {
                    if (regionEquals(start, close - start, LANGUAGE_NAMES[i])) {
                        return LanguageCode.values()[i];
                    }
                }
                return orOther(LanguageCode.parse(new String(json, start, close - start, StandardCharsets.UTF_8)));
            }
            return orOther(LanguageCode.parse(readString()));
        }
        return orOther(LanguageCode.parse(Integer.toString(readInt("language"))));
    }

    private static LanguageCode orOther(LanguageCode language) {
        return language == null ? LanguageCode.OTHER : language;
    }

    private Map<String, String> readExtFields() {
        expect('{');
        Map<String, String> fields = new HashMap<>(DEFAULT_EXT_FIELDS_CAPACITY);
        skipWhitespace();
        if (peek() == '}') {
            position++;
            return fields;
        }
        do {
            skipWhitespace();
            String key = readString(AsciiStringCache.MAX_KEY_BYTES);
            skipWhitespace();
            expect(':');
            skipWhitespace();
            if (isNullLiteral()) {
                position += 4;
            } else {
                fields.put(key, peek() == '"' ? readString(AsciiStringCache.MAX_VALUE_BYTES) : readScalarText());
            }
            skipWhitespace();
        } while (consumeComma());
        expect('}');
        return fields;
    }

    /** A string's value, or any other JSON value's text (numbers, booleans, nested values) as fastjson would cast. */
    private String readScalarText() {
        if (peek() == '"') {
            return readString();
        }
        int start = position;
        skipValue();
        return new String(json, start, position - start, StandardCharsets.UTF_8);
    }

    private String readString() {
        return readString(0);
    }

    /** Reads a string; unescaped ASCII text up to {@code cacheBytes} long comes from {@link AsciiStringCache}. */
    private String readString(int cacheBytes) {
        expect('"');
        int start = position;
        int close = findClosingQuote();
        if (close >= 0) {
            position = close + 1;
            return AsciiStringCache.get(json, start, close - start, cacheBytes);
        }
        return readStringBody(start);
    }

    /** Index of the closing quote from the current position, or -1 when the string has escapes. */
    private int findClosingQuote() {
        return findClosingQuote(position);
    }

    private int findClosingQuote(int from) {
        for (int i = from; i < end; i++) {
            byte b = json[i];
            if (b == '"') {
                return i;
            }
            if (b == '\\') {
                return -1;
            }
        }
        throw malformed("unterminated string");
    }

    /** Decodes a string with escapes whose body starts at {@code start}; leaves the position after its quote. */
    private String readStringBody(int start) {
        int close = closingQuoteSkippingEscapes(start);
        // Common case (message properties: ASCII with 0x01/0x02 separators): decode straight into Latin-1 bytes.
        byte[] latin1 = new byte[close - start];
        int length = 0;
        int i = start;
        while (i < close) {
            byte b = json[i];
            if (b >= 0 && b != '\\') {
                latin1[length++] = b;
                i++;
                continue;
            }
            if (b < 0 || json[i + 1] == 'u' && readHexChar(i + 2, close) > 0xFF) {
                return readStringBodyAnyChars(start, close);
            }
            latin1[length++] = (byte) escapedChar(i, close);
            i += json[i + 1] == 'u' ? 6 : 2;
        }
        position = close + 1;
        return new String(latin1, 0, length, StandardCharsets.ISO_8859_1);
    }

    /** The general case of {@link #readStringBody}: non-ASCII text or escapes beyond Latin-1. */
    private String readStringBodyAnyChars(int start, int close) {
        StringBuilder text = new StringBuilder(close - start);
        int i = start;
        while (i < close) {
            byte b = json[i];
            if (b == '\\') {
                text.append(escapedChar(i, close));
                i += json[i + 1] == 'u' ? 6 : 2;
            } else if (b >= 0) {
                text.append((char) b);
                i++;
            } else {
                int runEnd = i + 1;
                while (runEnd < close && json[runEnd] < 0) {
                    runEnd++;
                }
                text.append(new String(json, i, runEnd - i, StandardCharsets.UTF_8));
                i = runEnd;
            }
        }
        position = close + 1;
        return text.toString();
    }

    private int closingQuoteSkippingEscapes(int start) {
        for (int i = start; i < end; i++) {
            byte b = json[i];
            if (b == '"') {
                return i;
            }
            if (b == '\\') {
                i++;
            }
        }
        throw malformed("unterminated string");
    }

    /** The char the escape at {@code index} stands for; the escape is 6 bytes for \\u, else 2. */
    private char escapedChar(int index, int close) {
        if (index + 1 >= close) {
            throw malformed("unterminated string");
        }
        byte escape = json[index + 1];
        return switch (escape) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> readHexChar(index + 2, close);
            default -> throw malformed("invalid escape \\" + (char) (escape & 0xFF) + " in string");
        };
    }

    private char readHexChar(int start, int limit) {
        if (limit - start < 4) {
            throw malformed("truncated \\u escape");
        }
        int value = 0;
        for (int i = start; i < start + 4; i++) {
            int digit = Character.digit(json[i], 16);
            if (digit < 0) {
                throw malformed("invalid \\u escape");
            }
            value = (value << 4) | digit;
        }
        return (char) value;
    }

    /** Skips one JSON value of any kind without recursion. */
    private void skipValue() {
        byte first = peek();
        if (first == '"') {
            skipString();
            return;
        }
        if (first != '{' && first != '[') {
            int start = position;
            while (position < end && !isValueTerminator(json[position])) {
                position++;
            }
            if (position == start) {
                throw malformed("missing value at offset " + (start - headerStart));
            }
            return;
        }
        int depth = 0;
        do {
            if (position >= end) {
                throw malformed("unterminated object or array");
            }
            byte b = json[position];
            if (b == '"') {
                skipString();
                continue;
            }
            if (b == '{' || b == '[') {
                depth++;
            } else if (b == '}' || b == ']') {
                depth--;
            }
            position++;
        } while (depth > 0);
    }

    private void skipString() {
        position++;
        while (position < end) {
            byte b = json[position++];
            if (b == '"') {
                return;
            }
            if (b == '\\') {
                position++;
            }
        }
        throw malformed("unterminated string");
    }

    private static boolean isValueTerminator(byte b) {
        return b == ',' || b == '}' || b == ']' || b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private boolean isNullLiteral() {
        return end - position >= 4 && json[position] == 'n' && json[position + 1] == 'u' && json[position + 2] == 'l'
                && json[position + 3] == 'l';
    }

    private void skipWhitespace() {
        while (position < end) {
            byte b = json[position];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return;
            }
            position++;
        }
    }

    private byte peek() {
        if (position >= end) {
            throw malformed("JSON header ends early");
        }
        return json[position];
    }

    private boolean consumeIf(char c) {
        if (position < end && json[position] == c) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (position >= end) {
            throw malformed("JSON header ends early, expected '" + c + "'");
        }
        if (json[position] != c) {
            throw malformed("expected '" + c + "' at offset " + (position - headerStart) + " but found "
                    + describe(json[position]));
        }
        position++;
    }

    private boolean regionEquals(int start, int length, byte[] expected) {
        if (length != expected.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (json[start + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static String describe(byte b) {
        return b >= 0x20 && b < 0x7F ? "'" + (char) b + "'" : String.format("byte 0x%02X", b & 0xFF);
    }

    private static String abbreviate(String text) {
        return text.length() <= 32 ? text : text.substring(0, 32) + "...";
    }

    private Malformed malformed(String message) {
        return new Malformed("malformed JSON header: " + message);
    }

    private static byte[][] languageNames() {
        LanguageCode[] languages = LanguageCode.values();
        byte[][] names = new byte[languages.length][];
        for (LanguageCode language : languages) {
            names[language.ordinal()] = language.name().getBytes(StandardCharsets.US_ASCII);
        }
        return names;
    }
}
