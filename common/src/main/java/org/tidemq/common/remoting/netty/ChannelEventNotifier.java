package org.tidemq.common.remoting.netty;

import io.netty.channel.Channel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.common.remoting.ChannelEventListener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Delivers connection events to {@link ChannelEventListener}s on one dedicated thread, in the order they happened, so
 * that listeners may block without stalling I/O. A failing listener is logged and does not stop the others.
 * Thread-safe.
 */
final class ChannelEventNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelEventNotifier.class);

    private final List<ChannelEventListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService executor;

    ChannelEventNotifier(String threadName) {
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                new DefaultThreadFactory(threadName, true));
    }

    void addListener(ChannelEventListener listener) {
        listeners.add(listener);
    }

    void connected(Channel channel, String address) {
        publish(address, listener -> listener.onConnect(address, channel));
    }

    void closed(Channel channel, String address) {
        publish(address, listener -> listener.onClose(address, channel));
    }

    void idle(Channel channel, String address) {
        publish(address, listener -> listener.onIdle(address, channel));
    }

    void exception(Channel channel, String address, Throwable cause) {
        publish(address, listener -> listener.onException(address, channel, cause));
    }

    void shutdown() {
        executor.shutdown();
    }

    private void publish(String address, Consumer<ChannelEventListener> event) {
        if (listeners.isEmpty()) {
            return;
        }
        try {
            executor.execute(() -> {
                for (ChannelEventListener listener : listeners) {
                    try {
                        event.accept(listener);
                    } catch (RuntimeException e) {
                        LOG.warn("Channel listener {} failed for {}", listener, address, e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Dropped a channel event for {}: endpoint shut down", address);
        }
    }
}
