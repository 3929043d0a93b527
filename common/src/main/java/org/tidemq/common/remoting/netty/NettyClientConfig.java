package org.tidemq.common.remoting.netty;

import org.tidemq.common.remoting.codec.RemotingFrame;

/**
 * Settings of a {@link NettyRemotingClient}. Start from {@link #defaults()} and override with the {@code with...}
 * methods; every value is validated here, with a message naming the field.
 *
 * @param connectTimeoutMillis how long a TCP connect may take before the call fails
 * @param workerThreads        Netty I/O threads shared by all connections of the client
 * @param maxFrameBytes        largest accepted frame, 4-byte length prefix included; larger frames close the connection
 * @param idleSeconds          a connection with no read and no write for this long is closed; 0 never closes idle ones
 * @param useEpoll             use the native epoll transport when the platform offers it; NIO otherwise or when false
 */
public record NettyClientConfig(int connectTimeoutMillis, int workerThreads, int maxFrameBytes, int idleSeconds,
                                boolean useEpoll) {
    public static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 3000;
    public static final int DEFAULT_WORKER_THREADS = 2;
    public static final int DEFAULT_IDLE_SECONDS = 120;

    public NettyClientConfig {
        if (connectTimeoutMillis < 1) {
            throw new IllegalArgumentException("connectTimeoutMillis must be positive but was " + connectTimeoutMillis);
        }
        if (workerThreads < 1) {
            throw new IllegalArgumentException("workerThreads must be at least 1 but was " + workerThreads);
        }
        if (maxFrameBytes < RemotingFrame.MIN_FRAME_BYTES) {
            throw new IllegalArgumentException("maxFrameBytes must be at least " + RemotingFrame.MIN_FRAME_BYTES
                    + " but was " + maxFrameBytes);
        }
        if (idleSeconds < 0) {
            throw new IllegalArgumentException("idleSeconds must not be negative but was " + idleSeconds);
        }
    }

    /** 3 s connect timeout, 2 I/O threads, 16 MiB frames, 120 s idle close, epoll when available. */
    public static NettyClientConfig defaults() {
        return new NettyClientConfig(DEFAULT_CONNECT_TIMEOUT_MILLIS, DEFAULT_WORKER_THREADS,
                RemotingFrame.DEFAULT_MAX_FRAME_BYTES, DEFAULT_IDLE_SECONDS, true);
    }

    public NettyClientConfig withConnectTimeoutMillis(int value) {
        return new NettyClientConfig(value, workerThreads, maxFrameBytes, idleSeconds, useEpoll);
    }

    public NettyClientConfig withWorkerThreads(int value) {
        return new NettyClientConfig(connectTimeoutMillis, value, maxFrameBytes, idleSeconds, useEpoll);
    }

    public NettyClientConfig withMaxFrameBytes(int value) {
        return new NettyClientConfig(connectTimeoutMillis, workerThreads, value, idleSeconds, useEpoll);
    }

    public NettyClientConfig withIdleSeconds(int value) {
        return new NettyClientConfig(connectTimeoutMillis, workerThreads, maxFrameBytes, value, useEpoll);
    }

    public NettyClientConfig withUseEpoll(boolean value) {
        return new NettyClientConfig(connectTimeoutMillis, workerThreads, maxFrameBytes, idleSeconds, value);
    }
}
