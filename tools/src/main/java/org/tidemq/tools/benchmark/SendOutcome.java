package org.tidemq.tools.benchmark;

/**
 * How one send request ended: stored, or failed with an error kind ({@code SYSTEM_BUSY}, {@code TIMEOUT}, a response
 * code name, an exception's simple name). A status value rather than an exception: failures are counted, not thrown.
 *
 * @param errorKind null when the broker stored the message(s)
 */
public record SendOutcome(String errorKind) {
    public static final SendOutcome OK = new SendOutcome(null);

    public static SendOutcome failed(String errorKind) {
        return new SendOutcome(errorKind == null ? "UNKNOWN" : errorKind);
    }

    public boolean ok() {
        return errorKind == null;
    }
}
