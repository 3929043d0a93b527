package org.tidemq.common.protocol.header;

import org.tidemq.common.remoting.RemotingCommand;

/** Mandatory-field access for header parsers: absent or unparsable values fail with the field's name. */
public final class HeaderFields {
    private HeaderFields() {
    }

    public static String required(RemotingCommand command, String field) {
        String value = command.field(field);
        if (value == null) {
            throw MissingHeaderFieldException.missing(field);
        }
        return value;
    }

    public static long requiredLong(RemotingCommand command, String field) {
        String value = required(command, field);
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw MissingHeaderFieldException.invalid(field, value);
        }
    }

    /** An optional number; absent reads as {@code null}, present-but-garbage fails naming the field. */
    public static Long optionalLong(RemotingCommand command, String field) {
        String value = command.field(field);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw MissingHeaderFieldException.invalid(field, value);
        }
    }

    /** An optional boolean: absent is {@code null}; "true" in any case is true, anything else false. */
    public static Boolean optionalBoolean(RemotingCommand command, String field) {
        String value = command.field(field);
        return value == null ? null : Boolean.parseBoolean(value);
    }
}
