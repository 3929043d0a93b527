package org.tidemq.common.remoting.netty;

import org.tidemq.common.remoting.codec.RemotingFrame;

/**
 * Settings of a {@link NettyRemotingServer}. Start from {@link #defaults()} and override with the {@code with...}
 * methods; every value is validated here, with a message naming the field.
 *
 * @param bindAddress   local address to listen on ("0.0.0.0" for all interfaces)
 * @param listenPort    TCP port; 0 binds an ephemeral port (see {@link NettyRemotingServer#localPort()})
 * @param workerThreads Netty I/O threads that read, decode, encode and write connections (processors run on their
 *                      own executors, except those registered with {@code RequestExecutors.IO_THREAD})
 * @param maxFrameBytes largest accepted frame, 4-byte length prefix included; larger frames close the connection
 * @param idleSeconds   a connection with no read and no write for this long is closed; 0 never closes idle ones
 * @param useEpoll      use the native epoll transport when the platform offers it; NIO otherwise or when false
 */
public record NettyServerConfig(String bindAddress, int listenPort, int workerThreads, int maxFrameBytes,
                                int idleSeconds, boolean useEpoll) {
    public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";
    public static final int DEFAULT_WORKER_THREADS = 3;
    public static final int DEFAULT_IDLE_SECONDS = 120;
    static final int MAX_PORT = 65_535;

    public NettyServerConfig {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("bindAddress must not be blank");
        }
        if (listenPort < 0 || listenPort > MAX_PORT) {
            throw new IllegalArgumentException("listenPort must be in 0.." + MAX_PORT + " but was " + listenPort);
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

    /** All interfaces, ephemeral port, 3 I/O threads, 16 MiB frames, 120 s idle close, epoll when available. */
    public static NettyServerConfig defaults() {
        return new NettyServerConfig(DEFAULT_BIND_ADDRESS, 0, DEFAULT_WORKER_THREADS,
                RemotingFrame.DEFAULT_MAX_FRAME_BYTES, DEFAULT_IDLE_SECONDS, true);
    }

    public NettyServerConfig withBindAddress(String value) {
        return new NettyServerConfig(value, listenPort, workerThreads, maxFrameBytes, idleSeconds, useEpoll);
    }

    public NettyServerConfig withListenPort(int value) {
        return new NettyServerConfig(bindAddress, value, workerThreads, maxFrameBytes, idleSeconds, useEpoll);
    }

    public NettyServerConfig withWorkerThreads(int value) {
        return new NettyServerConfig(bindAddress, listenPort, value, maxFrameBytes, idleSeconds, useEpoll);
    }

    public NettyServerConfig withMaxFrameBytes(int value) {
        return new NettyServerConfig(bindAddress, listenPort, workerThreads, value, idleSeconds, useEpoll);
    }

    public NettyServerConfig withIdleSeconds(int value) {
        return new NettyServerConfig(bindAddress, listenPort, workerThreads, maxFrameBytes, value, useEpoll);
    }

    public NettyServerConfig withUseEpoll(boolean value) {
        return new NettyServerConfig(bindAddress, listenPort, workerThreads, maxFrameBytes, idleSeconds, value);
    }
}
