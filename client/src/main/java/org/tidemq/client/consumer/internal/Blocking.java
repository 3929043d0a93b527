package org.tidemq.client.consumer.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.client.consumer.ConsumerException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for a consumer's futures on the application's thread, with failures turned into ConsumerExceptions. */
final class Blocking {
    private static final Logger LOG = LoggerFactory.getLogger(Blocking.class);

    private Blocking() {
    }

    /**
     * The future's value, waiting at most {@code waitMillis}.
     *
     * @throws ConsumerException naming {@code what} when it failed, timed out or the thread was interrupted
     */
    static <T> T await(CompletableFuture<T> future, long waitMillis, String what) {
        try {
            return future.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsumerException("interrupted during " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof ConsumerException consumerException) {
                throw consumerException;
            }
            throw new ConsumerException(what + " failed: " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new ConsumerException(what + " got no answer within " + waitMillis + " ms", e);
        }
    }

    /** Waits at most {@code waitMillis} for a best-effort call (heartbeat, unregister); failures are only logged. */
    static void awaitQuietly(CompletableFuture<?> future, long waitMillis, String what) {
        try {
            future.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("{} did not finish: {}", what, unwrap(e).toString());
        }
    }

    /** The cause inside completion/execution wrappers. */
    static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
