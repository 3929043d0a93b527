package org.tidemq.tools.benchmark;

import org.tidemq.client.producer.SendException;
import org.tidemq.common.remoting.RemotingException;
import org.tidemq.common.remoting.ResponseCode;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Names the kind of a failed send, so the summary counts failures by cause instead of printing each one. */
public final class ErrorKinds {
    /** No answer within the send timeout. */
    public static final String TIMEOUT = "TIMEOUT";

    private ErrorKinds() {
    }

    /** The kind of a broker refusal with {@code responseCode}: its RocketMQ name ({@code SYSTEM_BUSY}, ...). */
    public static String ofResponseCode(int responseCode) {
        return ResponseCode.nameOf(responseCode);
    }

    /** The kind of a failure of TideMQ's client: broker code name, {@code TIMEOUT}, or the root cause's class. */
    public static String of(Throwable failure) {
        Throwable unwrapped = unwrap(failure);
        if (unwrapped instanceof SendException refused && refused.responseCode() != null) {
            return ofResponseCode(refused.responseCode());
        }
        for (Throwable cause = unwrapped; cause != null; cause = cause.getCause()) {
            if (cause instanceof RemotingException.TimeoutException || cause instanceof TimeoutException) {
                return TIMEOUT;
            }
        }
        if (unwrapped instanceof SendException sendFailure) {
            String message = sendFailure.getMessage();
            if (message != null && message.startsWith("no outcome within")) {
                return TIMEOUT;
            }
            return sendFailure.getCause() == null ? "SEND_FAILED" : rootCause(sendFailure).getClass().getSimpleName();
        }
        return rootCause(unwrapped).getClass().getSimpleName();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable current = failure;
        while (current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }
}
