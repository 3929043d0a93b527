package org.tidemq.broker.filter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A mutable evaluation result, reused for every message so evaluation allocates nothing. Strings are UTF-8 byte
 * ranges of a buffer (a property value inside the mapped record, or a literal's encoded bytes). {@link Kind#ERROR}
 * marks what RocketMQ's evaluator throws for (e.g. a non-numeric property compared with a number); it spreads to the
 * whole expression, which then does not match. Not thread-safe.
 */
final class SqlValue {

    enum Kind { NULL, BOOLEAN, INT, LONG, DOUBLE, STRING, ERROR }

    private Kind kind = Kind.NULL;
    private boolean bool;
    private long integral;
    private double real;
    private ByteBuffer bytes;
    private int offset;
    private int length;

    Kind kind() {
        return kind;
    }

    boolean isNull() {
        return kind == Kind.NULL;
    }

    boolean isError() {
        return kind == Kind.ERROR;
    }

    boolean bool() {
        return bool;
    }

    long integral() {
        return integral;
    }

    double real() {
        return real;
    }

    ByteBuffer bytes() {
        return bytes;
    }

    int offset() {
        return offset;
    }

    int length() {
        return length;
    }

    SqlValue setNull() {
        kind = Kind.NULL;
        return this;
    }

    SqlValue setError() {
        kind = Kind.ERROR;
        return this;
    }

    SqlValue setBoolean(boolean value) {
        kind = Kind.BOOLEAN;
        bool = value;
        return this;
    }

    SqlValue setInt(int value) {
        kind = Kind.INT;
        integral = value;
        return this;
    }

    SqlValue setLong(long value) {
        kind = Kind.LONG;
        integral = value;
        return this;
    }

    SqlValue setDouble(double value) {
        kind = Kind.DOUBLE;
        real = value;
        return this;
    }

    SqlValue setString(ByteBuffer buffer, int from, int byteLength) {
        kind = Kind.STRING;
        bytes = buffer;
        offset = from;
        length = byteLength;
        return this;
    }

    /** Byte-wise equality of two STRING values. */
    boolean sameString(SqlValue other) {
        return length == other.length && Bytes.equalRegions(bytes, offset, other.bytes, other.offset, length);
    }

    /** Decoded text of a STRING value; allocates, so only for the rare conversions that need a Java string. */
    String text() {
        byte[] copy = new byte[length];
        bytes.get(offset, copy);
        return new String(copy, StandardCharsets.UTF_8);
    }
}
