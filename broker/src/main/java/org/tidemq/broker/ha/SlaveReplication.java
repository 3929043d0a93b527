package org.tidemq.broker.ha;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.broker.ha.slave.HaClient;
import org.tidemq.broker.ha.slave.ReconnectBackoff;
import org.tidemq.broker.ha.slave.ReplicationState;
import org.tidemq.broker.persist.PeriodicScheduler;
import org.tidemq.store.MessageStore;

/**
 * SLAVE: follows the master's CommitLog through an {@link HaClient}. The master's HA address is
 * {@code haMasterAddress} when configured, else the {@code haServerAddr} name servers return when this slave registers
 * (the last one learnt is kept while the master is down, so the client keeps retrying it). Sends are refused by the
 * send path ({@code brokerRole} SLAVE), and a write gate refuses any other local append, so the CommitLog stays a
 * prefix of the master's; pulls are served from the replicated store.
 */
public final class SlaveReplication implements ReplicationRole {
    private static final Logger LOG = LoggerFactory.getLogger(SlaveReplication.class);

    static final String SLAVE_WRITE_REFUSAL = "this broker is a SLAVE: its CommitLog only takes its master's bytes";

    private final HaConfig config;
    private volatile String learntMasterAddress;
    private HaClient client;

    public SlaveReplication(HaConfig config) {
        this.config = config;
    }

    @Override
    public void start(MessageStore store, PeriodicScheduler scheduler) {
        // The CommitLog must stay a byte-identical prefix of the master's: no local writer may append to it.
        store.addWriteGate(() -> SLAVE_WRITE_REFUSAL);
        client = new HaClient(config, store, this::masterAddress,
                new ReconnectBackoff(config.reconnectInitialDelayMs(), config.reconnectMaxDelayMs()));
        client.start();
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

    public ReplicationState state() {
        return client == null ? ReplicationState.DISCONNECTED : client.state();
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
