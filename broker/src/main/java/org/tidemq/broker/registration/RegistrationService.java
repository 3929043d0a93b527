package org.tidemq.broker.registration;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.broker.persist.PeriodicScheduler;

/**
 * Keeps the broker registered: registers at {@link #start()}, then every {@code periodMs} on the injected scheduler,
 * and whenever {@link #registerNow()} is called (a topic was created); {@link #shutdown} unregisters.
 *
 * <p>Registrations never block the caller: {@link #registerNow()} returns the pending calls. Thread-safe.
 */
public final class RegistrationService {
    private static final Logger LOG = LoggerFactory.getLogger(RegistrationService.class);

    private final NamesrvRegistrar registrar;
    private final PeriodicScheduler scheduler;
    private final long periodMs;
    private PeriodicScheduler.ScheduledTask task;

    public RegistrationService(NamesrvRegistrar registrar, PeriodicScheduler scheduler, long periodMs) {
        if (periodMs <= 0) {
            throw new IllegalArgumentException("periodMs must be > 0, got " + periodMs);
        }
        this.registrar = registrar;
        this.scheduler = scheduler;
        this.periodMs = periodMs;
    }

    /** Registers now and schedules re-registration; the first registration is returned for callers that wait. */
    public synchronized CompletableFuture<List<NamesrvRegistrar.Outcome>> start() {
        if (task != null) {
            throw new IllegalStateException("already started");
        }
        task = scheduler.scheduleAtFixedRate(this::registerNow, periodMs, periodMs);
        return registerNow();
    }

    /** Registers with every name server now (the current topic table). */
    public CompletableFuture<List<NamesrvRegistrar.Outcome>> registerNow() {
        if (registrar.namesrvAddrs().isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return registrar.registerAll();
    }

    /** Stops re-registering and unregisters, waiting at most {@code timeoutMs} for the name servers. */
    public synchronized void shutdown(long timeoutMs) {
        if (task != null) {
            task.cancel();
            task = null;
        }
        if (registrar.namesrvAddrs().isEmpty()) {
            return;
        }
        try {
            registrar.unregisterAll().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("unregistering from name servers did not finish: {}", e.toString());
        }
    }
}
