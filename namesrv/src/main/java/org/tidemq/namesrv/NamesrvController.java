package org.tidemq.namesrv;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.common.remoting.RemotingServer;
import org.tidemq.common.remoting.RequestExecutors;
import org.tidemq.common.remoting.netty.NettyRemotingServer;
import org.tidemq.common.remoting.netty.NettyServerConfig;
import org.tidemq.namesrv.config.LiveNamesrvConfig;
import org.tidemq.namesrv.config.NamesrvConfig;
import org.tidemq.namesrv.kv.KvConfigLoadException;
import org.tidemq.namesrv.kv.KvConfigStore;
import org.tidemq.namesrv.processor.BrokerRegistrationProcessor;
import org.tidemq.namesrv.processor.ClusterAdminProcessor;
import org.tidemq.namesrv.processor.KvConfigProcessor;
import org.tidemq.namesrv.processor.NamesrvConfigProcessor;
import org.tidemq.namesrv.processor.NamesrvProcessorSet;
import org.tidemq.namesrv.processor.RouteQueryProcessor;
import org.tidemq.namesrv.route.BrokerChannelListener;
import org.tidemq.namesrv.route.BrokerLivenessScanner;
import org.tidemq.namesrv.route.RegistryPolicy;
import org.tidemq.namesrv.route.RouteBodyCache;
import org.tidemq.namesrv.route.RouteRegistry;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Wires one name server: KV store, route registry, processors, transport and liveness scanner. Several name
 * servers (even in one JVM) share nothing.
 *
 * <p>Lifecycle: {@link #start()} once, {@link #shutdown()} (idempotent). Not thread-safe for start/shutdown.
 */
public final class NamesrvController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NamesrvController.class);

    private final LiveNamesrvConfig config;
    private final LongSupplier clockMillis;
    private RouteRegistry registry;
    private KvConfigStore kvConfig;
    private RemotingServer server;
    private BrokerLivenessScanner scanner;
    private ExecutorService defaultExecutor;

    public NamesrvController(NamesrvConfig config) {
        this(config, System::currentTimeMillis);
    }

    public NamesrvController(NamesrvConfig config, LongSupplier clockMillis) {
        this.config = new LiveNamesrvConfig(config);
        this.clockMillis = clockMillis;
    }

    /**
     * Loads KV config, binds the port and starts serving.
     *
     * @throws KvConfigLoadException when the KV config file is unreadable or corrupt (nothing is started)
     */
    public void start() throws KvConfigLoadException {
        NamesrvConfig initial = config.get();
        kvConfig = KvConfigStore.load(initial.kvConfigPath());
        registry = new RouteRegistry(clockMillis, () -> {
            NamesrvConfig current = config.get();
            return new RegistryPolicy(current.brokerExpiryMs(), current.deleteTopicWithBrokerRegistration());
        });
        defaultExecutor = executor("NamesrvDefault", initial.defaultThreads(), initial.defaultQueueCapacity());

        server = new NettyRemotingServer(NettyServerConfig.defaults()
                .withBindAddress(initial.bindAddress())
                .withListenPort(initial.listenPort())
                .withWorkerThreads(initial.ioThreads())
                .withIdleSeconds(initial.channelIdleSeconds())
                .withUseEpoll(initial.useEpoll()));
        RouteQueryProcessor routes = new RouteQueryProcessor(registry, new RouteBodyCache(registry), kvConfig, config);
        // Route lookups are served from the cache without blocking, so they run inline on the I/O threads: no hand-off
        // to a pool, and a client's pipelined lookups are answered in one socket write per read batch.
        for (int code : routes.requestCodes()) {
            server.registerProcessor(code, routes, RequestExecutors.IO_THREAD);
        }
        NamesrvProcessorSet others = new NamesrvProcessorSet(
                new BrokerRegistrationProcessor(registry, kvConfig, config),
                new ClusterAdminProcessor(registry, config),
                new KvConfigProcessor(kvConfig),
                new NamesrvConfigProcessor(config));
        others.registerOn(server, defaultExecutor);
        server.registerChannelListener(new BrokerChannelListener(registry));
        try {
            server.start();
        } catch (RuntimeException e) {
            shutdown();
            throw e;
        }
        scanner = new BrokerLivenessScanner(registry, clockMillis, initial.scanNotActiveBrokerIntervalMs());
        scanner.start();
        LOG.info("name server listening on {}:{}", initial.bindAddress(), server.localPort());
    }

    /** The bound port (the real one when configured with 0). */
    public int localPort() {
        return server.localPort();
    }

    public NamesrvConfig config() {
        return config.get();
    }

    public RouteRegistry registry() {
        return registry;
    }

    public KvConfigStore kvConfig() {
        return kvConfig;
    }

    public BrokerLivenessScanner scanner() {
        return scanner;
    }

    public void shutdown() {
        if (scanner != null) {
            scanner.close();
            scanner = null;
        }
        if (server != null) {
            server.shutdown();
            server = null;
        }
        if (defaultExecutor != null) {
            defaultExecutor.shutdownNow();
            defaultExecutor = null;
        }
    }

    @Override
    public void close() {
        shutdown();
    }

    private static ExecutorService executor(String name, int threads, int queueCapacity) {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(queueCapacity), factory);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
