package org.tidemq.broker.ha.identity;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.broker.persist.PeriodicScheduler;
import org.tidemq.common.remoting.RemotingClient;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.ResponseCode;

/**
 * A TideMQ slave's side of the identity handshake: after each new HA connection it sends a {@link SlaveAnnouncement}
 * to the master's remoting address, and repeats it on every tick until the master accepted it, refused it, or turned
 * out to be a RocketMQ broker (REQUEST_CODE_NOT_SUPPORTED: classic masters have no identity check; nothing is lost).
 * A master that does not yet see the HA connection, or is not reachable, is asked again at the next tick; so is one
 * whose remoting address is not known yet (see {@link MasterRemotingAddress}).
 *
 * <p>Thread-safe: {@link #onHaConnected} is called on the HA client's loop, ticks on the scheduler, answers on the
 * remoting client's threads; the pending port is the only shared state and each answer only clears the port it was
 * sent for.
 */
public final class SlaveAnnouncer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlaveAnnouncer.class);
    public static final long DEFAULT_RETRY_MS = 1_000;
    /**
     * Attempts per HA connection before giving up (e.g. the master sees this slave's remoting connection come from
     * another IP than its HA connection): the connection then stays unidentified, so the master (unless it accepts
     * unidentified slaves) closes it after {@code haSlaveIdentifyTimeoutMs} and the next connection tries again.
     */
    static final int MAX_ATTEMPTS = 60;
    private static final int NOTHING_PENDING = -1;

    private final RemotingClient client;
    private final Supplier<String> masterRemotingAddr;
    private final String brokerName;
    private final long brokerId;
    private final long timeoutMs;
    private volatile int pendingPort = NOTHING_PENDING;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final AtomicInteger attempts = new AtomicInteger();
    private PeriodicScheduler.ScheduledTask retries;

    /**
     * @param masterRemotingAddr the master's client address {@code ip:port}, or null while unknown
     * @param timeoutMs          per announcement
     */
    public SlaveAnnouncer(RemotingClient client, Supplier<String> masterRemotingAddr, String brokerName,
                          long brokerId, long timeoutMs) {
        this.client = client;
        this.masterRemotingAddr = masterRemotingAddr;
        this.brokerName = brokerName;
        this.brokerId = brokerId;
        this.timeoutMs = timeoutMs;
    }

    /** Retries pending announcements every {@code periodMs}. */
    public synchronized void start(PeriodicScheduler scheduler, long periodMs) {
        retries = scheduler.scheduleAtFixedRate(this::announcePending, periodMs, periodMs);
    }

    /** A new HA connection is up from {@code localPort}: announce it now (and until answered). */
    public void onHaConnected(int localPort) {
        attempts.set(0);
        pendingPort = localPort;
        announcePending();
    }

    /** The HA port still waiting for the master's answer; -1 when none. */
    public int pendingPort() {
        return pendingPort;
    }

    /** Sends the pending announcement unless one is already on its way. Any thread. */
    public void announcePending() {
        int port = pendingPort;
        String master = masterRemotingAddr.get();
        if (port == NOTHING_PENDING || master == null || !inFlight.compareAndSet(false, true)) {
            return;
        }
        RemotingCommand request = new SlaveAnnouncement(brokerName, brokerId, port).toRequest();
        client.invokeAsync(master, request, timeoutMs).whenComplete((response, failure) -> {
            inFlight.set(false);
            if (failure != null) {
                LOG.debug("announcing HA port {} to master {} failed: {}; retrying", port, master, failure.toString());
                giveUpAfterTooMany(port, master, failure.toString());
                return;
            }
            onAnswer(port, master, response);
        });
    }

    private void onAnswer(int port, String master, RemotingCommand response) {
        switch (response.code()) {
            case ResponseCode.SUCCESS -> {
                LOG.info("master {} identified this slave's HA connection (port {}) as {}/{}", master, port,
                        brokerName, brokerId);
                clearIfStill(port);
            }
            case ResponseCode.REQUEST_CODE_NOT_SUPPORTED -> {
                LOG.info("master {} does not take slave announcements (a RocketMQ master): not identified", master);
                clearIfStill(port);
            }
            case ResponseCode.NO_PERMISSION -> {
                LOG.error("master {} refused this slave ({}/{}): {}", master, brokerName, brokerId,
                        response.remark());
                clearIfStill(port);
            }
            default -> {
                LOG.debug("master {} answered announcement of port {} with {} ({}); retrying", master, port,
                        response.code(), response.remark());
                giveUpAfterTooMany(port, master, response.remark());
            }
        }
    }

    private void giveUpAfterTooMany(int port, String master, String lastError) {
        if (attempts.incrementAndGet() >= MAX_ATTEMPTS && pendingPort == port) {
            LOG.warn("master {} did not accept this slave's announcement of HA port {} after {} attempts (last: {});"
                    + " the master will show the connection as unidentified", master, port, MAX_ATTEMPTS, lastError);
            clearIfStill(port);
        }
    }

    private void clearIfStill(int port) {
        synchronized (this) {
            if (pendingPort == port) {
                pendingPort = NOTHING_PENDING;
            }
        }
    }

    @Override
    public synchronized void close() {
        if (retries != null) {
            retries.cancel();
            retries = null;
        }
    }
}
