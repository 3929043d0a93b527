package org.tidemq.broker.ha;

import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.broker.ha.identity.SlaveAnnouncer;
import org.tidemq.broker.ha.slave.HaClient;
import org.tidemq.broker.ha.slave.ReconnectBackoff;
import org.tidemq.broker.ha.slave.ReplicationState;
import org.tidemq.broker.ha.slave.SlaveLinkStats;
import org.tidemq.broker.ha.status.HaRuntimeInfo;
import org.tidemq.broker.persist.PeriodicScheduler;
import org.tidemq.store.MessageStore;

/**
 * SLAVE: follows the master's CommitLog through an {@link HaClient}. The master's HA address is
 * {@code haMasterAddress} when configured, else the {@code haServerAddr} name servers return when this slave registers
 * (the last one learnt is kept while the master is down, so the client keeps retrying it). Sends are refused by the
 * send path ({@code brokerRole} SLAVE), and a write gate refuses any other local append, so the CommitLog stays a
 * prefix of the master's; pulls are served from the replicated store. Each new HA connection is announced to the
 * master by the {@link SlaveAnnouncer} given to {@link #announceWith} (slave identity, see the identity package).
 */
public final class SlaveReplication implements ReplicationRole {
    private static final Logger LOG = LoggerFactory.getLogger(SlaveReplication.class);

    static final String SLAVE_WRITE_REFUSAL = "this broker is a SLAVE: its CommitLog only takes its master's bytes";

    private static final int NO_CONNECTION = -1;

    private final HaConfig config;
    private final LongSupplier clockMs;
    private volatile String learntMasterAddress;
    private volatile HaClient client;
    private volatile SlaveAnnouncer announcer;
    private volatile int lastHaLocalPort = NO_CONNECTION;
    private volatile MessageStore store;

    public SlaveReplication(HaConfig config) {
        this(config, System::currentTimeMillis);
    }

    /** @param clockMs epoch ms for the link statistics of GET_BROKER_HA_STATUS */
    public SlaveReplication(HaConfig config, LongSupplier clockMs) {
        this.config = config;
        this.clockMs = clockMs;
    }

    @Override
    public void start(MessageStore store, PeriodicScheduler scheduler) {
        // The CommitLog must stay a byte-identical prefix of the master's: no local writer may append to it.
        store.addWriteGate(() -> SLAVE_WRITE_REFUSAL);
        this.store = store;
        client = new HaClient(config, store, this::masterAddress,
                new ReconnectBackoff(config.reconnectInitialDelayMs(), config.reconnectMaxDelayMs()), clockMs,
                this::onHaConnected);
        client.start();
    }

    private void onHaConnected(int localPort) {
        lastHaLocalPort = localPort;
        SlaveAnnouncer current = announcer;
        if (current != null) {
            current.onHaConnected(localPort);
        }
    }

    /**
     * From now on every HA connection is announced to the master with {@code slaveAnnouncer}, starting with the
     * current one (the announcer needs the remoting client, which exists only after replication started).
     */
    public void announceWith(SlaveAnnouncer slaveAnnouncer) {
        announcer = slaveAnnouncer;
        int port = lastHaLocalPort;
        if (port != NO_CONNECTION) {
            slaveAnnouncer.onHaConnected(port);
        }
    }

    private String masterAddress() {
        return config.masterAddressOverride() != null ? config.masterAddressOverride() : learntMasterAddress;
    }

    @Override
    public void onMasterLearnt(String masterHaServerAddr) {
        if (masterHaServerAddr != null && !masterHaServerAddr.equals(learntMasterAddress)) {
            LOG.info("name server reports master HA address {}", masterHaServerAddr);
            learntMasterAddress = masterHaServerAddr;
        }
    }

    @Override
    public int advertisedHaPort() {
        return config.listenPort();
    }

    @Override
    public HaRuntimeInfo runtimeInfo() {
        HaClient current = client;
        MessageStore currentStore = store;
        if (current == null || currentStore == null) {
            return HaRuntimeInfo.ofSlave(new HaRuntimeInfo.ClientInfo(masterAddress(), 0, 0, 0, 0, 0));
        }
        SlaveLinkStats stats = current.stats();
        return HaRuntimeInfo.ofSlave(new HaRuntimeInfo.ClientInfo(masterAddress(), stats.bytesReceivedInLastSecond(),
                currentStore.getMaxPhyOffset(), stats.lastReadMs(), stats.lastWriteMs(), 0));
    }

    public ReplicationState state() {
        return client == null ? ReplicationState.DISCONNECTED : client.state();
    }

    @Override
    public void close() {
        SlaveAnnouncer current = announcer;
        if (current != null) {
            current.close();
        }
        if (client != null) {
            client.close();
        }
    }
}
