package org.tidemq.tools.admin;

/** A command failed for a reason the operator can act on; {@link MqAdmin} prints its message as one line. */
public final class ToolFailure extends RuntimeException {
    public ToolFailure(String message) {
        super(message);
    }

    public ToolFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
