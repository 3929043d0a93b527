package org.tidemq.broker.transaction;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.broker.config.TransactionConfig;
import org.tidemq.broker.persist.ExecutorPeriodicScheduler;
import org.tidemq.store.MessageStore;

/**
 * A master's transaction subsystem: progress file, resolver (END_TRANSACTION) and check service on its own thread,
 * so a slow check pass never delays other housekeeping. Started after the store opened, shut down before it closes.
 */
public final class TransactionalMessages {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionalMessages.class);

    private final TransactionResolver resolver;
    private final TransactionCheckService checkService;
    private final ExecutorPeriodicScheduler scheduler;

    private TransactionalMessages(TransactionResolver resolver, TransactionCheckService checkService,
                                  ExecutorPeriodicScheduler scheduler) {
        this.resolver = resolver;
        this.checkService = checkService;
        this.scheduler = scheduler;
    }

    /**
     * Loads the progress from {@code storePathRootDir}, reads the op records past it and starts checking.
     *
     * @throws IOException when the progress file is unreadable
     */
    public static TransactionalMessages start(MessageStore store, Path storePathRootDir, TransactionConfig config,
                                              CheckBackSender sender, Supplier<InetSocketAddress> storeHost,
                                              LongSupplier clock)
            throws IOException {
        TransactionProgress progress = TransactionProgress.load(storePathRootDir);
        TransactionResolver resolver = TransactionResolver.open(store, progress, storeHost, clock);
        TransactionCheckService checkService = new TransactionCheckService(store, resolver, progress, sender, config,
                clock);
        ExecutorPeriodicScheduler scheduler = new ExecutorPeriodicScheduler("TransactionCheckThread");
        checkService.start(scheduler, TransactionCheckService.DEFAULT_PERSIST_INTERVAL_MS);
        LOG.info("transaction check every {} ms (timeout {} ms, at most {} checks) from half offset {}",
                config.transactionCheckIntervalMs(), config.transactionTimeOutMs(), config.transactionCheckMax(),
                progress.halfOffset());
        return new TransactionalMessages(resolver, checkService, scheduler);
    }

    public TransactionResolver resolver() {
        return resolver;
    }

    public TransactionCheckService checkService() {
        return checkService;
    }

    /** Stops checking and persists the progress (a failure is logged). Idempotent. */
    public void shutdown() {
        try {
            checkService.shutdown();
        } catch (IOException e) {
            LOG.error("persisting the transaction progress at shutdown failed", e);
        }
        scheduler.close();
    }
}
