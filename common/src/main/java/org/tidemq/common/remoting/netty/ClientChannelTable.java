package org.tidemq.common.remoting.netty;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client's connections, one per {@code host:port}. A connection that closed (or failed to open) leaves the table,
 * so the next call reconnects. Thread-safe: concurrent callers for the same address share one connect attempt.
 */
final class ClientChannelTable {
    private final Bootstrap bootstrap;
    private final Map<String, ChannelFuture> connections = new ConcurrentHashMap<>();
    /** Connecting is rare; one lock keeps two callers from opening two connections to one address. */
    private final Object connectLock = new Object();

    ClientChannelTable(Bootstrap bootstrap) {
        this.bootstrap = bootstrap;
    }

    /**
     * The connection to {@code address}, connecting if there is none.
     *
     * @throws IllegalArgumentException when {@code address} is not {@code host:port}
     */
    ChannelFuture connection(String address) {
        ChannelFuture existing = connections.get(address);
        if (isUsable(existing)) {
            return existing;
        }
        synchronized (connectLock) {
            ChannelFuture current = connections.get(address);
            if (isUsable(current)) {
                return current;
            }
            PeerAddress peer = PeerAddress.parse(address);
            ChannelFuture connecting = bootstrap.connect(peer.host(), peer.port());
            connections.put(address, connecting);
            // Registered after the put: a connect that fails at once removes its own entry.
            connecting.channel().closeFuture().addListener(closed -> connections.remove(address, connecting));
            return connecting;
        }
    }

    void close(String address) {
        ChannelFuture connection = connections.remove(address);
        if (connection != null) {
            connection.channel().close();
        }
    }

    void closeAll() {
        for (String address : connections.keySet()) {
            close(address);
        }
    }

    /** Still connecting, or connected and open. */
    private static boolean isUsable(ChannelFuture connection) {
        return connection != null && (!connection.isDone() || connection.channel().isActive());
    }
}
