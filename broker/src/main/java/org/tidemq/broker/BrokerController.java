package org.tidemq.broker;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.broker.admin.AdminProcessors;
import org.tidemq.broker.admin.MessagePutCounter;
import org.tidemq.broker.client.ClientChannelListener;
import org.tidemq.broker.client.ClientHousekeepingService;
import org.tidemq.broker.client.ClientManageProcessor;
import org.tidemq.broker.filter.CheckClientConfigProcessor;
import org.tidemq.broker.client.ConsumerIdsChangeNotifier;
import org.tidemq.broker.client.ConsumerRegistry;
import org.tidemq.broker.client.ProducerRegistry;
import org.tidemq.broker.config.BrokerConfig;
import org.tidemq.broker.config.RuntimeBrokerConfig;
import org.tidemq.broker.config.BrokerRole;
import org.tidemq.broker.ha.ReplicationRole;
import org.tidemq.broker.ha.SlaveReplication;
import org.tidemq.broker.ha.identity.MasterRemotingAddress;
import org.tidemq.broker.ha.identity.NamesrvClusterInfo;
import org.tidemq.broker.ha.identity.NamesrvSlaveIdentifier;
import org.tidemq.broker.ha.identity.SlaveAnnouncement;
import org.tidemq.broker.ha.identity.SlaveAnnouncementProcessor;
import org.tidemq.broker.ha.identity.SlaveAnnouncer;
import org.tidemq.broker.ha.status.HaStatusProcessor;
import org.tidemq.broker.ha.metadata.DelayOffsetFile;
import org.tidemq.broker.ha.metadata.DelayOffsetProcessor;
import org.tidemq.broker.ha.metadata.MasterMetadataClient;
import org.tidemq.broker.ha.metadata.SlaveMetadataSync;
import org.tidemq.broker.ha.metadata.TopicsFromCommitLog;
import org.tidemq.broker.lock.LockBatchProcessor;
import org.tidemq.broker.lock.RebalanceLockManager;
import org.tidemq.broker.offset.ConsumerOffsetManager;
import org.tidemq.broker.offset.ConsumerOffsetProcessor;
import org.tidemq.broker.offset.OffsetPersistService;
import org.tidemq.broker.offset.QueueOffsetProcessor;
import org.tidemq.broker.persist.ExecutorPeriodicScheduler;
import org.tidemq.broker.pull.LongPollingService;
import org.tidemq.broker.pull.MessageArrivalDispatcher;
import org.tidemq.broker.pull.PullMessageProcessor;
import org.tidemq.broker.query.QueryMessageProcessor;
import org.tidemq.broker.query.ViewMessageProcessor;
import org.tidemq.broker.registration.BrokerRegistrationInfo;
import org.tidemq.broker.registration.NamesrvRegistrar;
import org.tidemq.broker.registration.RegistrationService;
import org.tidemq.broker.retry.ConsumerSendMsgBackProcessor;
import org.tidemq.broker.retry.RetrySendRouter;
import org.tidemq.broker.runtime.AdvertisedAddress;
import org.tidemq.broker.schedule.DelayOffsetTable;
import org.tidemq.broker.schedule.ScheduleMessageService;
import org.tidemq.broker.transaction.EndTransactionProcessor;
import org.tidemq.broker.transaction.ProducerCheckBack;
import org.tidemq.broker.transaction.TransactionalMessages;
import org.tidemq.broker.send.SendMessageProcessor;
import org.tidemq.broker.timer.TimerMessageService;
import org.tidemq.broker.stats.BrokerStatsTable;
import org.tidemq.broker.stats.StatsSamplingService;
import org.tidemq.broker.stats.TopicPutStatsDispatcher;
import org.tidemq.broker.subscription.SubscriptionGroupManager;
import org.tidemq.broker.topic.TopicConfigManager;
import org.tidemq.common.remoting.RemotingServer;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.netty.NettyClientConfig;
import org.tidemq.common.remoting.netty.NettyRemotingClient;
import org.tidemq.common.remoting.netty.NettyRemotingServer;
import org.tidemq.common.remoting.netty.NettyServerConfig;
import org.tidemq.store.DefaultMessageStore;
import org.tidemq.store.MessageStore;

/**
 * Wires one broker: store, topic/group/offset managers, request processors on the client port and the VIP port
 * (listenPort − 2, which serves everything but pulls), the replication role of {@code brokerRole} (a master's HA
 * port, or a slave's HA client) and name-server registration.
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #shutdown()} (idempotent): unregisters, stops serving, persists
 * consumer offsets and shuts the store down cleanly. Several brokers in one JVM share nothing. Not thread-safe for
 * start/shutdown.
 */
public final class BrokerController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerController.class);
    /** RocketMQ's fast ("VIP") port sits two below the client port. */
    public static final int VIP_PORT_DISTANCE = 2;
    private static final long UNREGISTER_TIMEOUT_MS = 3_000;
    private static final long METADATA_REQUEST_TIMEOUT_MS = 3_000;

    private final BrokerConfig config;
    private final Clock clock;
    private final LongSupplier clockMillis;
    private final AdvertisedAddress address;
    private final Path configFile;

    private DefaultMessageStore store;
    private TopicConfigManager topics;
    private SubscriptionGroupManager groups;
    private ConsumerOffsetManager offsets;
    private ExecutorPeriodicScheduler scheduler;
    private OffsetPersistService offsetPersist;
    private BrokerProcessors processors;
    private NettyRemotingServer server;
    private NettyRemotingServer vipServer;
    private NettyRemotingClient namesrvClient;
    private volatile RegistrationService registration;
    private ProducerRegistry producers;
    private ConsumerRegistry consumers;
    private LongPollingService longPolling;
    private ClientHousekeepingService housekeeping;
    private boolean storeOpen;
    private RuntimeBrokerConfig runtimeConfig;
    private RebalanceLockManager locks;
    private ReplicationRole replication;
    private DelayOffsetFile delayOffsets;
    private ScheduleMessageService schedule;
    private volatile TransactionalMessages transactions;
    private ExecutorPeriodicScheduler scheduleScheduler;
    private TimerMessageService timers;
    private ExecutorPeriodicScheduler timerScheduler;
    private ExecutorPeriodicScheduler metadataScheduler;
    private volatile SlaveMetadataSync metadataSync;
    /** The master's client address from the last registration answer (slaves; null while unknown). */
    private volatile String learntMasterAddr;

    public BrokerController(BrokerConfig config) {
        this(config, Clock.systemUTC());
    }

    public BrokerController(BrokerConfig config, Clock clock) {
        this(config, clock, null);
    }

    /**
     * @param configFile the properties file the broker was started with ({@code -c}), or null; runtime config changes
     *                   (UPDATE_BROKER_CONFIG) are written back into it
     */
    public BrokerController(BrokerConfig config, Clock clock, Path configFile) {
        this.config = config;
        this.configFile = configFile;
        this.clock = clock;
        this.clockMillis = clock::millis;
        this.address = new AdvertisedAddress(config.network().brokerIP1());
    }

    /**
     * Opens the store and managers, binds both ports and registers with the name servers.
     *
     * @throws IOException when the store or a config file cannot be loaded (everything opened is closed again)
     */
    public void start() throws IOException {
        try {
            startServices();
        } catch (IOException | RuntimeException e) {
            shutdown();
            throw e;
        }
    }

    private void startServices() throws IOException {
        store = DefaultMessageStore.open(config.store(), clock);
        storeOpen = true;
        var root = config.store().storePathRootDir();
        topics = TopicConfigManager.load(config.identity(), config.topics(), root, clockMillis);
        groups = SubscriptionGroupManager.load(config.topics().autoCreateSubscriptionGroup(), root, clockMillis);
        offsets = ConsumerOffsetManager.load(root, clockMillis);
        delayOffsets = new DelayOffsetFile(root);
        scheduler = new ExecutorPeriodicScheduler("BrokerScheduledThread");
        offsetPersist = new OffsetPersistService(offsets, scheduler, OffsetPersistService.DEFAULT_INTERVAL_MS);
        offsetPersist.start();
        if (config.identity().brokerRole() != BrokerRole.SLAVE) {
            startSchedule(root);
        }
        startTimers(root);
        if (config.identity().brokerRole() == BrokerRole.SLAVE) {
            // Before replication starts, so that no replicated record passes unseen.
            store.addDispatcher(new TopicsFromCommitLog(topics, this::registerNowIfStarted));
        }
        ReplicationRole role = ReplicationRole.forConfig(config, clockMillis);
        replication = role;
        try {
            role.start(store, scheduler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting replication", e);
        }

        namesrvClient = new NettyRemotingClient(NettyClientConfig.defaults());
        namesrvClient.start();
        NamesrvRegistrar registrar = new NamesrvRegistrar(namesrvClient, config.network().namesrvAddrs(),
                this::registrationInfo, topics::buildSerializeWrapper,
                config.registration().registerBrokerTimeoutMills(),
                this::onMasterLearnt);
        registration = new RegistrationService(registrar, scheduler,
                config.registration().registerNameServerPeriodMs());

        if (config.identity().brokerRole() == BrokerRole.SLAVE) {
            startSlaveMetadata();
            announceSlave(role);
        } else if (!config.network().namesrvAddrs().isEmpty()) {
            new NamesrvSlaveIdentifier(config.identity().brokerName(), role::haMasterServer,
                    new NamesrvClusterInfo(namesrvClient, config.network().namesrvAddrs(),
                            METADATA_REQUEST_TIMEOUT_MS), clockMillis, NamesrvSlaveIdentifier.DEFAULT_MIN_AGE_MS)
                    .start(scheduler, NamesrvSlaveIdentifier.DEFAULT_PERIOD_MS);
        }

        runtimeConfig = new RuntimeBrokerConfig(config, configFile, clockMillis);
        runtimeConfig.addListener(this::onRuntimeConfigUpdate);
        locks = new RebalanceLockManager(clockMillis, config.locks().rebalanceLockMaxLiveTimeMs());
        processors = new BrokerProcessors(config, clockMillis);
        server = newServer(config.network().listenPort());
        int vipPort = config.network().listenPort() == 0 ? 0
                : config.network().listenPort() - VIP_PORT_DISTANCE;
        vipServer = newServer(vipPort);

        producers = new ProducerRegistry();
        if (config.identity().brokerRole() != BrokerRole.SLAVE) {
            transactions = TransactionalMessages.start(store, root, config.transactions(),
                    new ProducerCheckBack(producers, server::invokeOneway, address::storeHost,
                            config.identity().brokerName()), address::storeHost, clockMillis);
        }
        consumers = new ConsumerRegistry(new ConsumerIdsChangeNotifier(server::invokeOneway));
        PullMessageProcessor pull = new PullMessageProcessor(config, runtimeConfig::current, store, topics, groups,
                consumers, offsets, clockMillis);
        longPolling = pull.createLongPolling(processors.pullExecutor());
        store.addDispatcher(new MessageArrivalDispatcher(longPolling));
        MessagePutCounter putCounter = new MessagePutCounter(clockMillis, ZoneId.systemDefault());
        store.addDispatcher(putCounter);
        BrokerStatsTable stats = new BrokerStatsTable();
        store.addDispatcher(new TopicPutStatsDispatcher(stats));
        pull.recordGetsTo(stats);
        new StatsSamplingService(stats, clockMillis).start(scheduler);
        longPolling.start(scheduler, LongPollingService.DEFAULT_CHECK_INTERVAL_MS);
        housekeeping = new ClientHousekeepingService(consumers, producers, clockMillis,
                ClientHousekeepingService.DEFAULT_CHANNEL_EXPIRY_MS);
        housekeeping.start(scheduler, ClientHousekeepingService.DEFAULT_SCAN_INTERVAL_MS);

        Runnable registerNow = () -> registration.registerNow();
        ServedProcessors served = new ServedProcessors(
                new SendMessageProcessor(config, runtimeConfig::current,
                        new RetrySendRouter(groups, topics, locks, registerNow), topics, store, address, registerNow,
                        processors.sendExecutor()::queueSize, clockMillis),
                new ConsumerSendMsgBackProcessor(store, topics, groups, address, runtimeConfig::current,
                        registerNow),
                new ConsumerOffsetProcessor(offsets, store),
                new QueueOffsetProcessor(store),
                new ClientManageProcessor(consumers, producers, groups, topics, () -> registration.registerNow(),
                        clockMillis),
                new ClientChannelListener(consumers, producers),
                new AdminProcessors(runtimeConfig, store, topics, groups, offsets, consumers, producers, putCounter,
                        processors.sendExecutor()::queueSize, processors::pullQueueSize,
                        registerNow, clockMillis, server, address::text, stats),
                new LockBatchProcessor(locks), new QueryMessageProcessor(store), new ViewMessageProcessor(store));
        registerProcessors(server, served);
        registerProcessors(vipServer, served);
        server.registerProcessor(RequestCode.PULL_MESSAGE, pull, processors.pullExecutor());
        server.registerProcessor(RequestCode.LITE_PULL_MESSAGE, pull, processors.pullExecutor());
        CheckClientConfigProcessor filterCheck = new CheckClientConfigProcessor(
                () -> runtimeConfig.current().messages().enablePropertyFilter());
        server.registerProcessor(RequestCode.CHECK_CLIENT_CONFIG, filterCheck, processors.clientExecutor());
        vipServer.registerProcessor(RequestCode.CHECK_CLIENT_CONFIG, filterCheck, processors.clientExecutor());
        server.start();
        address.bind(server.localPort());
        vipServer.start();
        registration.start();
        LOG.info("broker {} serving on {} (VIP port {}), store {}", config.identity().brokerName(), address.text(),
                vipServer.localPort(), config.store().storePathRootDir());
    }

    /**
     * Only a master delivers delayed messages; a slave keeps its master's delayOffset.json. GET_ALL_DELAY_OFFSET
     * answers the file, which the service rewrites every second while delivery progresses.
     */
    private void startSchedule(Path root) throws IOException {
        schedule = new ScheduleMessageService(store, config.messages().messageDelayLevel(),
                DelayOffsetTable.load(root, clockMillis), clockMillis);
        // Its own thread, so deliveries are not late behind other housekeeping (file writes, scans).
        scheduleScheduler = new ExecutorPeriodicScheduler("ScheduleMessageThread");
        schedule.start(scheduleScheduler, ScheduleMessageService.DEFAULT_CHECK_INTERVAL_MS,
                ScheduleMessageService.DEFAULT_PERSIST_INTERVAL_MS);
    }

    /**
     * Timed messages: a master indexes and fires them; a slave indexes the replicated timer queue so the wheel is
     * ready if it is restarted as master, and fires nothing.
     */
    private void startTimers(Path root) throws IOException {
        var timerConfig = config.messages().timer();
        if (!timerConfig.timerWheelEnable()) {
            return;
        }
        // Re-park timers well before CommitLog retention could delete their records.
        long rollWindowMs = Math.max(timerConfig.timerPrecisionMs(),
                Math.min(TimeUnit.DAYS.toMillis(1),
                        TimeUnit.HOURS.toMillis(config.store().retention().fileReservedTimeHours()) / 2));
        timers = TimerMessageService.open(root, store, timerConfig.timerPrecisionMs(), timerConfig.timerMaxDelayMs(),
                rollWindowMs, config.identity().brokerRole() != BrokerRole.SLAVE, clockMillis);
        // Its own thread: firing is due to the tick, not behind other housekeeping.
        timerScheduler = new ExecutorPeriodicScheduler("TimerMessageThread");
        timers.start(timerScheduler, TimerMessageService.DEFAULT_TICK_MS,
                TimerMessageService.DEFAULT_FLUSH_INTERVAL_MS);
    }

    /** A slave copies its master's metadata and derives configs of topics it meets in the replicated CommitLog. */
    private void startSlaveMetadata() {
        metadataScheduler = new ExecutorPeriodicScheduler("SlaveMetadataSyncThread");
        metadataSync = new SlaveMetadataSync(
                new MasterMetadataClient(namesrvClient, METADATA_REQUEST_TIMEOUT_MS), () -> learntMasterAddr,
                topics, groups, offsets, delayOffsets, store, this::registerNowIfStarted, clockMillis,
                SlaveMetadataSync.DEFAULT_PERIOD_MS);
        metadataSync.start(metadataScheduler);
    }

    /** A TideMQ slave tells its master which HA connection is its own (the master refuses foreign slaves). */
    private void announceSlave(ReplicationRole role) {
        if (role instanceof SlaveReplication slaveRole) {
            String haMasterAddress = config.replication().haMasterAddress();
            SlaveAnnouncer announcer = new SlaveAnnouncer(namesrvClient,
                    () -> MasterRemotingAddress.of(learntMasterAddr, haMasterAddress),
                    config.identity().brokerName(), config.identity().brokerId(), METADATA_REQUEST_TIMEOUT_MS);
            announcer.start(scheduler, SlaveAnnouncer.DEFAULT_RETRY_MS);
            slaveRole.announceWith(announcer);
        }
    }

    /** Re-registers with the name servers unless registration has not started yet (or was shut down). */
    private void registerNowIfStarted() {
        RegistrationService current = registration;
        if (current != null) {
            current.registerNow();
        }
    }

    private void onMasterLearnt(NamesrvRegistrar.MasterAddresses masters) {
        ReplicationRole role = replication;
        if (role != null) {
            role.onMasterLearnt(masters.haServerAddr());
        }
        String masterAddr = masters.masterAddr();
        if (masterAddr != null && !masterAddr.equals(learntMasterAddr)) {
            learntMasterAddr = masterAddr;
            SlaveMetadataSync sync = metadataSync;
            if (sync != null) {
                sync.onMasterLearnt();
            }
        }
    }

    private NettyRemotingServer newServer(int port) {
        return new NettyRemotingServer(NettyServerConfig.defaults()
                .withBindAddress(config.network().brokerIP1())
                .withListenPort(port));
    }

    /** The processors both ports share. */
    private record ServedProcessors(SendMessageProcessor send, ConsumerSendMsgBackProcessor sendBack,
                                    ConsumerOffsetProcessor consumerOffsets,
                                    QueueOffsetProcessor queueOffsets, ClientManageProcessor clients,
                                    ClientChannelListener channelListener, AdminProcessors admin,
                                    LockBatchProcessor queueLocks, QueryMessageProcessor query,
                                    ViewMessageProcessor view) {
    }

    /** What both ports serve; pulls are added to the client port only (the VIP port answers them with code 3). */
    private void registerProcessors(RemotingServer target, ServedProcessors served) {
        for (int code : List.of(RequestCode.SEND_MESSAGE, RequestCode.SEND_MESSAGE_V2,
                RequestCode.SEND_BATCH_MESSAGE)) {
            target.registerProcessor(code, served.send(), processors.sendExecutor());
        }
        target.registerProcessor(RequestCode.CONSUMER_SEND_MSG_BACK, served.sendBack(), processors.sendExecutor());
        for (int code : List.of(RequestCode.QUERY_CONSUMER_OFFSET, RequestCode.UPDATE_CONSUMER_OFFSET)) {
            target.registerProcessor(code, served.consumerOffsets(), processors.clientExecutor());
        }
        for (int code : List.of(RequestCode.GET_MAX_OFFSET, RequestCode.GET_MIN_OFFSET,
                RequestCode.SEARCH_OFFSET_BY_TIMESTAMP, RequestCode.GET_EARLIEST_MSG_STORETIME)) {
            target.registerProcessor(code, served.queueOffsets(), processors.clientExecutor());
        }
        for (int code : List.of(RequestCode.HEART_BEAT, RequestCode.UNREGISTER_CLIENT,
                RequestCode.GET_CONSUMER_LIST_BY_GROUP)) {
            target.registerProcessor(code, served.clients(), processors.clientExecutor());
        }
        for (int code : List.of(RequestCode.LOCK_BATCH_MQ, RequestCode.UNLOCK_BATCH_MQ)) {
            target.registerProcessor(code, served.queueLocks(), processors.clientExecutor());
        }
        target.registerProcessor(RequestCode.QUERY_MESSAGE, served.query(), processors.clientExecutor());
        target.registerProcessor(RequestCode.VIEW_MESSAGE_BY_ID, served.view(), processors.clientExecutor());
        target.registerProcessor(RequestCode.END_TRANSACTION, new EndTransactionProcessor(() -> {
            TransactionalMessages current = transactions;
            return current == null ? null : current.resolver();
        }), processors.sendExecutor());
        served.admin().registerOn(target, processors.adminExecutor());
        target.registerProcessor(RequestCode.GET_BROKER_HA_STATUS, new HaStatusProcessor(this::replication),
                processors.adminExecutor());
        target.registerProcessor(SlaveAnnouncement.REQUEST_CODE, new SlaveAnnouncementProcessor(
                config.identity().brokerName(), () -> replication == null ? null : replication.haMasterServer()),
                processors.adminExecutor());
        target.registerProcessor(RequestCode.GET_ALL_DELAY_OFFSET, new DelayOffsetProcessor(delayOffsets),
                processors.adminExecutor());
        target.registerChannelListener(served.channelListener());
    }

    /** A changed brokerPermission reaches name servers at once, with a new topic DataVersion. */
    private void onRuntimeConfigUpdate(BrokerConfig previous, BrokerConfig current) {
        int perm = current.identity().brokerPermission();
        if (perm != previous.identity().brokerPermission()) {
            LOG.info("brokerPermission changed from {} to {}: re-registering", previous.identity().brokerPermission(),
                    perm);
            topics.updateBrokerPermission(perm);
            registration.registerNow();
        }
    }

    private BrokerRegistrationInfo registrationInfo() {
        ReplicationRole role = replication;
        int haPort = role != null ? role.advertisedHaPort() : config.network().haListenPort();
        return new BrokerRegistrationInfo(config.identity().brokerClusterName(), config.identity().brokerName(),
                config.identity().brokerId(), address.text(), config.network().brokerIP2() + ":"
                + haPort);
    }

    /** The configuration the broker was started with; {@link #runtimeConfig()} has runtime changes. */
    public BrokerConfig config() {
        return config;
    }

    public RuntimeBrokerConfig runtimeConfig() {
        return runtimeConfig;
    }

    public RebalanceLockManager locks() {
        return locks;
    }

    /** {@code brokerIP1:listenPort} with the bound port. */
    public String brokerAddr() {
        return address.text();
    }

    public int listenPort() {
        return server.localPort();
    }

    public int vipPort() {
        return vipServer.localPort();
    }

    public MessageStore store() {
        return store;
    }

    public TopicConfigManager topics() {
        return topics;
    }

    public SubscriptionGroupManager groups() {
        return groups;
    }

    public ConsumerOffsetManager offsets() {
        return offsets;
    }

    public ConsumerRegistry consumers() {
        return consumers;
    }

    public LongPollingService longPolling() {
        return longPolling;
    }

    public RegistrationService registration() {
        return registration;
    }

    /** A slave's metadata copy from its master; null on masters. */
    public SlaveMetadataSync metadataSync() {
        return metadataSync;
    }

    /** The replication role {@code brokerRole} selected (started with the broker). */
    public ReplicationRole replication() {
        return replication;
    }

    /** Unregisters, stops serving, persists offsets and shuts the store down. Idempotent. */
    public void shutdown() {
        if (metadataSync != null) {
            metadataSync.close();
            metadataSync = null;
        }
        if (metadataScheduler != null) {
            metadataScheduler.close();
            metadataScheduler = null;
        }
        if (registration != null) {
            registration.shutdown(UNREGISTER_TIMEOUT_MS);
            registration = null;
        }
        if (vipServer != null) {
            vipServer.shutdown();
            vipServer = null;
        }
        if (server != null) {
            server.shutdown();
            server = null;
        }
        if (housekeeping != null) {
            housekeeping.shutdown();
            housekeeping = null;
        }
        if (longPolling != null) {
            longPolling.shutdown();
            longPolling = null;
        }
        if (processors != null) {
            processors.shutdown();
            processors = null;
        }
        if (transactions != null) {
            transactions.shutdown();
            transactions = null;
        }
        if (schedule != null) {
            try {
                schedule.shutdown();
            } catch (IOException e) {
                LOG.error("persisting delay offsets at shutdown failed", e);
            }
            schedule = null;
        }
        if (scheduleScheduler != null) {
            scheduleScheduler.close();
            scheduleScheduler = null;
        }
        if (timerScheduler != null) {
            timerScheduler.close();
            timerScheduler = null;
        }
        if (timers != null) {
            timers.shutdown();
            timers = null;
        }
        if (offsetPersist != null) {
            try {
                offsetPersist.shutdown();
            } catch (IOException e) {
                LOG.error("persisting consumer offsets at shutdown failed", e);
            }
            offsetPersist = null;
        }
        if (scheduler != null) {
            scheduler.close();
            scheduler = null;
        }
        if (namesrvClient != null) {
            namesrvClient.shutdown();
            namesrvClient = null;
        }
        if (replication != null) {
            replication.close();
            replication = null;
        }
        if (storeOpen) {
            store.shutdown();
            storeOpen = false;
        }
    }

    @Override
    public void close() {
        shutdown();
    }
}
