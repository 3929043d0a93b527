package org.tidemq.broker.ha.identity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.broker.ha.master.HaMasterServer;
import org.tidemq.broker.ha.master.SlaveConnection;
import org.tidemq.broker.ha.status.HaRuntimeInfo.SlaveIdentityView;
import org.tidemq.broker.persist.PeriodicScheduler;
import org.tidemq.common.protocol.BrokerData;
import org.tidemq.common.protocol.ClusterInfo;

/**
 * Labels HA connections that did not announce themselves (RocketMQ slaves) with the slave the name servers list for
 * this {@code brokerName} on the connection's IP ({@link RegisteredSlaveMatch}). Each tick looks only at connections
 * unidentified for at least {@code minAgeMs} (a TideMQ slave announces within a second or so) and asks the name
 * servers only when there are such connections, so it keeps retrying until the connection is identified or closed
 * by {@code haSlaveIdentifyTimeoutMs}. A label makes the master stream to the connection and count its
 * acknowledgements (unless {@code haAcceptUnidentifiedSlaves} already does so for every connection). Several
 * unidentified connections matching the same registered slave are all left unidentified: at most one of them is it.
 *
 * <p>Thread-safe: ticks run on the scheduler, answers on the remoting client's threads; one lookup at a time.
 */
public final class NamesrvSlaveIdentifier {
    private static final Logger LOG = LoggerFactory.getLogger(NamesrvSlaveIdentifier.class);
    /** Short: an unidentified RocketMQ slave gets no data until a lookup names it. */
    public static final long DEFAULT_PERIOD_MS = 1_000;
    public static final long DEFAULT_MIN_AGE_MS = 2_000;
    static final String SOURCE_NAMESRV = "namesrv";

    /** Fetches GET_BROKER_CLUSTER_INFO from a name server; the future fails when none answers. */
    @FunctionalInterface
    public interface ClusterInfoSource {
        CompletableFuture<ClusterInfo> fetch();
    }

    private final String brokerName;
    private final Supplier<HaMasterServer> server;
    private final ClusterInfoSource clusterInfo;
    private final LongSupplier clockMs;
    private final long minAgeMs;
    private final AtomicBoolean lookingUp = new AtomicBoolean();
    /** Connections already reported as ambiguous (one WARN each); only touched by the one lookup at a time. */
    private final Set<SlaveConnection> reportedAmbiguous = new HashSet<>();

    public NamesrvSlaveIdentifier(String brokerName, Supplier<HaMasterServer> server, ClusterInfoSource clusterInfo,
                                  LongSupplier clockMs, long minAgeMs) {
        this.brokerName = brokerName;
        this.server = server;
        this.clusterInfo = clusterInfo;
        this.clockMs = clockMs;
        this.minAgeMs = minAgeMs;
    }

    public PeriodicScheduler.ScheduledTask start(PeriodicScheduler scheduler, long periodMs) {
        return scheduler.scheduleAtFixedRate(this::tick, periodMs, periodMs);
    }

    /** Looks up the name servers if some connection has been unidentified long enough. Any thread. */
    public void tick() {
        HaMasterServer ha = server.get();
        if (ha == null || unidentified(ha.connections()).isEmpty() || !lookingUp.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture<ClusterInfo> lookup;
        try {
            lookup = clusterInfo.fetch();
        } catch (RuntimeException e) {
            lookingUp.set(false);
            LOG.debug("cannot ask the name servers for registered slaves: {}", e.toString());
            return;
        }
        lookup.whenComplete((info, failure) -> {
            try {
                if (failure != null) {
                    LOG.debug("cannot ask the name servers for registered slaves: {}", failure.toString());
                } else {
                    label(ha.connections(), info);
                }
            } finally {
                lookingUp.set(false);
            }
        });
    }

    private List<SlaveConnection> unidentified(List<SlaveConnection> connections) {
        long now = clockMs.getAsLong();
        return connections.stream()
                .filter(c -> c.identity().brokerName() == null && c.remoteHost() != null
                        && c.connectedAtMs() >= 0 && now - c.connectedAtMs() >= minAgeMs)
                .toList();
    }

    private void label(List<SlaveConnection> connections, ClusterInfo info) {
        BrokerData group = info.brokerAddrTable().get(brokerName);
        if (group == null) {
            return;
        }
        Map<Long, String> members = group.brokerAddrs();
        Set<Long> claimed = new HashSet<>();
        for (SlaveConnection connection : connections) {
            if (connection.identity().brokerName() != null) {
                claimed.add(connection.identity().brokerId());
            }
        }
        Map<Long, List<SlaveConnection>> byId = new HashMap<>();
        for (SlaveConnection connection : unidentified(connections)) {
            OptionalLong id = RegisteredSlaveMatch.of(connection.remoteHost(), members, claimed);
            if (id.isPresent()) {
                byId.computeIfAbsent(id.getAsLong(), k -> new ArrayList<>()).add(connection);
            }
        }
        reportedAmbiguous.retainAll(connections);
        byId.forEach((id, candidates) -> {
            if (candidates.size() > 1) {
                // One slave, several connections from its IP: at most one is that slave; trusting a guess could
                // stream to a stranger on the slave's host. The others close or time out, then the slave is named.
                if (reportedAmbiguous.addAll(candidates)) {
                    LOG.warn("HA connections {} all come from the IP of slave {}/{}: none is identified while more"
                                    + " than one is open", candidates.stream().map(SlaveConnection::remoteAddress)
                                    .toList(), brokerName, id);
                }
                return;
            }
            SlaveConnection connection = candidates.get(0);
            connection.identify(new SlaveIdentityView(brokerName, id, SOURCE_NAMESRV));
            LOG.info("HA connection from {} identified by the name servers as slave {}/{}",
                    connection.remoteAddress(), brokerName, id);
        });
    }
}
