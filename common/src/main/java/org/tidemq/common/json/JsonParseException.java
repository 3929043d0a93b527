package org.tidemq.common.json;

/** Input that is not JSON, even by fastjson's lenient rules. The message names the offset and what was expected. */
public final class JsonParseException extends IllegalArgumentException {
    private final int offset;

    public JsonParseException(String message, int offset) {
        super(message + " at offset " + offset);
        this.offset = offset;
    }

    /** Character offset into the input where parsing failed. */
    public int offset() {
        return offset;
    }
}
