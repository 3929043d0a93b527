package org.tidemq.common.json;

/** Well-formed JSON whose shape does not match what the reader expected (e.g. a string where a number belongs). */
public final class JsonTypeException extends IllegalArgumentException {
    public JsonTypeException(String message) {
        super(message);
    }
}
