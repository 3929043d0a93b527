package org.tidemq.broker.ha.metadata;

/** A metadata copy from the master failed; the message names the request and the reason. */
public final class MetadataSyncException extends Exception {
    public MetadataSyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
