package org.tidemq.common.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small streaming JSON writer that produces what fastjson produces for RocketMQ's wire objects: compact, no
 * whitespace, {@code null} fields left out by the {@code field(...)} helpers, and integer map keys written per
 * {@link IntKeyStyle}.
 *
 * <p>Callers write object fields in alphabetical order to match fastjson's bean output byte for byte; the writer
 * does not reorder. Not thread-safe: one writer builds one document.
 */
public final class JsonWriter {
    private final StringBuilder out;
    private final IntKeyStyle intKeyStyle;
    /** Per nesting level: has the container at that level received a member yet (so the next needs a comma)? */
    private boolean[] hasMember = new boolean[16];
    private int depth;
    /** A name was just written; the next value belongs to it and takes no comma. */
    private boolean afterName;

    public JsonWriter(IntKeyStyle intKeyStyle) {
        this(intKeyStyle, 256);
    }

    public JsonWriter(IntKeyStyle intKeyStyle, int initialCapacity) {
        this.out = new StringBuilder(initialCapacity);
        this.intKeyStyle = intKeyStyle;
    }

    public IntKeyStyle intKeyStyle() {
        return intKeyStyle;
    }

    public JsonWriter beginObject() {
        beforeValue();
        out.append('{');
        push();
        return this;
    }

    public JsonWriter endObject() {
        pop();
        out.append('}');
        return this;
    }

    public JsonWriter beginArray() {
        beforeValue();
        out.append('[');
        push();
        return this;
    }

    public JsonWriter endArray() {
        pop();
        out.append(']');
        return this;
    }

    /** Writes an object member name (always quoted). */
    public JsonWriter name(String name) {
        beforeMember();
        writeString(name);
        out.append(':');
        afterName = true;
        return this;
    }

    /** Writes an integer map key, quoted or not per this writer's {@link IntKeyStyle}. */
    public JsonWriter name(long key) {
        beforeMember();
        if (intKeyStyle == IntKeyStyle.QUOTED) {
            out.append('"').append(key).append('"');
        } else {
            out.append(key);
        }
        out.append(':');
        afterName = true;
        return this;
    }

    /**
     * Starts an object used as a member name, as fastjson writes MessageQueue-keyed maps:
     * {@code {{"brokerName":"b","queueId":0,"topic":"t"}:{…}}}. Write the key's members, then
     * {@link #endObjectName()}, then the value.
     */
    public JsonWriter beginObjectName() {
        beforeMember();
        out.append('{');
        push();
        return this;
    }

    /** Ends a key started by {@link #beginObjectName()}; the next value belongs to it. */
    public JsonWriter endObjectName() {
        pop();
        out.append("}:");
        afterName = true;
        return this;
    }

    public JsonWriter value(String value) {
        beforeValue();
        if (value == null) {
            out.append("null");
        } else {
            writeString(value);
        }
        return this;
    }

    public JsonWriter value(long value) {
        beforeValue();
        out.append(value);
        return this;
    }

    public JsonWriter value(double value) {
        beforeValue();
        out.append(value);
        return this;
    }

    public JsonWriter value(boolean value) {
        beforeValue();
        out.append(value);
        return this;
    }

    public JsonWriter nullValue() {
        beforeValue();
        out.append("null");
        return this;
    }

    /** A string member; left out entirely when {@code value} is null, as fastjson does. */
    public JsonWriter field(String name, String value) {
        if (value != null) {
            name(name).value(value);
        }
        return this;
    }

    public JsonWriter field(String name, long value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, boolean value) {
        return name(name).value(value);
    }

    /** The document so far. */
    @Override
    public String toString() {
        return out.toString();
    }

    public byte[] toBytes() {
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void push() {
        if (++depth == hasMember.length) {
            hasMember = Arrays.copyOf(hasMember, depth * 2);
        }
        hasMember[depth] = false;
    }

    private void pop() {
        if (depth == 0) {
            throw new IllegalStateException("no open container");
        }
        depth--;
        afterName = false;
    }

    private void beforeMember() {
        if (afterName) {
            throw new IllegalStateException("a name must be followed by a value");
        }
        if (hasMember[depth]) {
            out.append(',');
        }
        hasMember[depth] = true;
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth > 0) {
            if (hasMember[depth]) {
                out.append(',');
            }
            hasMember[depth] = true;
        }
    }

    private void writeString(String text) {
        out.append('"');
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
