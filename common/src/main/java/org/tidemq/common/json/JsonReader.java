package org.tidemq.common.json;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lenient JSON parser that reads what fastjson (RocketMQ's serializer) writes and accepts:
 * standard JSON, bare member names ({@code {0:"addr"}}, {@code {topic:"t"}}), object and array keys
 * ({@code {{"brokerName":"b","queueId":0,"topic":"t"}:{…}}}), single-quoted strings and repeated commas.
 *
 * <p>Produces the tree described in {@link JsonObject}. Nesting deeper than {@value #MAX_DEPTH} is rejected so a
 * hostile peer cannot overflow the stack. Stateless and thread-safe.
 */
public final class JsonReader {
    /** Deepest nesting accepted; RocketMQ bodies nest fewer than ten levels. */
    public static final int MAX_DEPTH = 512;

    private final String text;
    private int pos;
    private int depth;

    private JsonReader(String text) {
        this.text = text;
    }

    /** Parses one JSON value (object, array, string, number, boolean or null) that spans the whole input. */
    public static Object parse(String text) {
        if (text == null) {
            throw new JsonParseException("no input", 0);
        }
        JsonReader reader = new JsonReader(text);
        reader.skipWhitespace();
        Object value = reader.readValue();
        reader.skipWhitespace();
        if (reader.pos < text.length()) {
            throw new JsonParseException("unexpected '" + text.charAt(reader.pos) + "' after the JSON value", reader.pos);
        }
        return value;
    }

    public static Object parse(byte[] utf8) {
        if (utf8 == null) {
            throw new JsonParseException("no input", 0);
        }
        return parse(new String(utf8, StandardCharsets.UTF_8));
    }

    /** Parses input that must be a JSON object. */
    public static JsonObject parseObject(String text) {
        Object value = parse(text);
        if (value instanceof JsonObject object) {
            return object;
        }
        throw new JsonParseException("expected a JSON object", 0);
    }

    public static JsonObject parseObject(byte[] utf8) {
        if (utf8 == null) {
            throw new JsonParseException("no input", 0);
        }
        return parseObject(new String(utf8, StandardCharsets.UTF_8));
    }

    private Object readValue() {
        if (pos >= text.length()) {
            throw new JsonParseException("unexpected end of input, expected a value", pos);
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> readObject();
            case '[' -> readArray();
            case '"', '\'' -> readString(c);
            case 't' -> readLiteral("true", Boolean.TRUE);
            case 'f' -> readLiteral("false", Boolean.FALSE);
            case 'n' -> readLiteral("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield readNumber();
                }
                throw new JsonParseException("unexpected '" + c + "', expected a value", pos);
            }
        };
    }

    private JsonObject readObject() {
        enter();
        pos++; // '{'
        Map<Object, Object> members = new LinkedHashMap<>();
        while (true) {
            skipWhitespaceAndCommas();
            if (pos >= text.length()) {
                throw new JsonParseException("unterminated object", pos);
            }
            if (text.charAt(pos) == '}') {
                pos++;
                break;
            }
            Object key = readKey();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            members.put(key, readValue());
            skipWhitespace();
            if (pos >= text.length()) {
                throw new JsonParseException("unterminated object", pos);
            }
            char next = text.charAt(pos);
            if (next != ',' && next != '}') {
                throw new JsonParseException("expected ',' or '}' in object, found '" + next + "'", pos);
            }
        }
        depth--;
        return new JsonObject(members);
    }

    private Object readKey() {
        char c = text.charAt(pos);
        switch (c) {
            case '"', '\'':
                return readString(c);
            case '{':
                return readObject();
            case '[':
                return readArray();
            default:
                int start = pos;
                while (pos < text.length() && isBareNameChar(text.charAt(pos))) {
                    pos++;
                }
                if (start == pos) {
                    throw new JsonParseException("unexpected '" + c + "', expected a member name", pos);
                }
                return text.substring(start, pos);
        }
    }

    private static boolean isBareNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '-' || c == '.' || c == '%' || c == '|';
    }

    private List<Object> readArray() {
        enter();
        pos++; // '['
        List<Object> items = new ArrayList<>();
        while (true) {
            skipWhitespaceAndCommas();
            if (pos >= text.length()) {
                throw new JsonParseException("unterminated array", pos);
            }
            if (text.charAt(pos) == ']') {
                pos++;
                break;
            }
            items.add(readValue());
            skipWhitespace();
            if (pos >= text.length()) {
                throw new JsonParseException("unterminated array", pos);
            }
            char next = text.charAt(pos);
            if (next != ',' && next != ']') {
                throw new JsonParseException("expected ',' or ']' in array, found '" + next + "'", pos);
            }
        }
        depth--;
        return items;
    }

    private String readString(char quote) {
        int start = ++pos;
        // Fast path: no escapes.
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == quote) {
                return text.substring(start, pos++);
            }
            if (c == '\\') {
                break;
            }
            pos++;
        }
        StringBuilder sb = new StringBuilder(pos - start + 16).append(text, start, pos);
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                break;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\'', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> sb.append((char) hex(4));
                case 'x' -> sb.append((char) hex(2));
                default -> throw new JsonParseException("invalid escape '\\" + e + "'", pos - 2);
            }
        }
        throw new JsonParseException("unterminated string", start - 1);
    }

    private int hex(int digits) {
        if (pos + digits > text.length()) {
            throw new JsonParseException("truncated escape", pos);
        }
        int value = 0;
        for (int i = 0; i < digits; i++) {
            int d = Character.digit(text.charAt(pos + i), 16);
            if (d < 0) {
                throw new JsonParseException("invalid hex digit in escape", pos + i);
            }
            value = value * 16 + d;
        }
        pos += digits;
        return value;
    }

    private Object readNumber() {
        int start = pos;
        if (text.charAt(pos) == '-') {
            pos++;
        }
        int digitsStart = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos == digitsStart) {
            throw new JsonParseException("invalid number", start);
        }
        boolean integral = true;
        if (pos < text.length() && text.charAt(pos) == '.') {
            integral = false;
            pos++;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            integral = false;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        String number = text.substring(start, pos);
        // fastjson writes type suffixes (1L, 2.0F) with WriteClassName; accept and drop them.
        if (pos < text.length() && "LSBFD".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        try {
            if (integral) {
                if (number.length() < 19) {
                    return Long.parseLong(number);
                }
                BigInteger big = new BigInteger(number);
                return big.bitLength() < 64 ? (Object) big.longValue() : big;
            }
            return Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new JsonParseException("invalid number '" + number + "'", start);
        }
    }

    private Object readLiteral(String literal, Object value) {
        if (!text.startsWith(literal, pos)) {
            throw new JsonParseException("unexpected '" + text.charAt(pos) + "', expected a value", pos);
        }
        pos += literal.length();
        return value;
    }

    private void expect(char c) {
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw new JsonParseException("expected '" + c + "'"
                    + (pos < text.length() ? ", found '" + text.charAt(pos) + "'" : ", found end of input"), pos);
        }
        pos++;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new JsonParseException("nesting deeper than " + MAX_DEPTH, pos);
        }
    }

    private void skipWhitespace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private void skipWhitespaceAndCommas() {
        while (pos < text.length() && (Character.isWhitespace(text.charAt(pos)) || text.charAt(pos) == ',')) {
            pos++;
        }
    }
}
