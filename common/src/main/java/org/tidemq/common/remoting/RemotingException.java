package org.tidemq.common.remoting;

/** A failed remote call. Subclasses say which step failed; the message names the peer. */
public class RemotingException extends Exception {
    public RemotingException(String message) {
        super(message);
    }

    public RemotingException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The connection could not be opened. */
    public static final class ConnectException extends RemotingException {
        public ConnectException(String address, Throwable cause) {
            super("connect to " + address + " failed" + (cause == null ? "" : ": " + cause.getMessage()), cause);
        }
    }

    /** The request could not be written to the connection. */
    public static final class SendException extends RemotingException {
        public SendException(String address, Throwable cause) {
            super("send to " + address + " failed" + (cause == null ? "" : ": " + cause.getMessage()), cause);
        }
    }

    /** No response arrived in time. */
    public static final class TimeoutException extends RemotingException {
        public TimeoutException(String address, long timeoutMillis) {
            super("wait response from " + address + " timed out after " + timeoutMillis + " ms");
        }
    }
}
