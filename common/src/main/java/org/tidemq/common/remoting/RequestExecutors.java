package org.tidemq.common.remoting;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** Executors with a special meaning to {@link RemotingServer#registerProcessor}. */
public final class RequestExecutors {

    /**
     * Runs the processor on the I/O thread that decoded the request, with no hand-off to another thread: no queueing,
     * no wake-up, and the response is written from inside the read loop, so the responses to a batch of pipelined
     * requests leave in one write. For cheap, hot codes (the NameServer's route lookup) that cuts the server's CPU
     * per request several-fold, since the hand-off and one write per response cost more than the work itself.
     *
     * <p>Only for processors that <b>never block</b>: no disk or network I/O, no waiting on futures, other requests,
     * sleeps or contended locks held across slow work. A short in-memory lock held only while another thread updates a
     * few maps is acceptable. While an inline processor runs, every other connection of that I/O thread waits, so a
     * slow or blocking one stalls unrelated clients. Processors that may block keep their own executor.
     *
     * <p>Used directly, it runs each task on the calling thread. It owns no threads and is shared: the shutdown
     * methods do nothing and it never terminates.
     */
    public static final ExecutorService IO_THREAD = new CallerThreadExecutor();

    private RequestExecutors() {
    }

    private static final class CallerThreadExecutor extends AbstractExecutorService {
        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return false;
        }

        @Override
        public String toString() {
            return "RequestExecutors.IO_THREAD";
        }
    }
}
