package org.tidemq.common.protocol.header;

/** A request lacks a mandatory extField, or carries one that does not parse. The message names the field. */
public final class MissingHeaderFieldException extends IllegalArgumentException {
    public MissingHeaderFieldException(String message) {
        super(message);
    }

    /** RocketMQ's wording for an absent mandatory field. */
    public static MissingHeaderFieldException missing(String field) {
        return new MissingHeaderFieldException("the custom field <" + field + "> is null");
    }

    public static MissingHeaderFieldException invalid(String field, String value) {
        return new MissingHeaderFieldException("the custom field <" + field + "> is not a number: " + value);
    }
}
