package org.tidemq.it.ha;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.it.support.BrokerProcess;
import org.tidemq.it.support.Closer;
import org.tidemq.it.support.NamesrvProcess;
import org.tidemq.it.support.OfficialAdmin;
import org.tidemq.it.support.QueueReader;

/**
 * A master's machine is lost under continuous load from 16 official-client producer threads: kill -9 AND its store
 * deleted (kill -9 alone keeps the page cache). A fresh consumer then reads every queue from offset 0 on the slave
 * and every message acknowledged SEND_OK must be there, intact and once. The negative control freezes the slave
 * (SIGSTOP) for 2 s of load before the master is lost: an ASYNC_MASTER has acked messages the slave never got
 * (lost &gt; 0, so the checker can fail), a SYNC_MASTER answered FLUSH_SLAVE_TIMEOUT instead and lost none. An
 * ASYNC_MASTER without the freeze loses at most what its replication lag, measured just before the kill, held.
 * Brokers run through bin/mqbroker on 127.0.0.1 with temp dirs; the topic is created on the master only (the slave
 * gets it by metadata sync or from the replicated CommitLog).
 */
class MasterLossIT {
    private static final String BROKER_NAME = "broker-loss";
    private static final String TOPIC = "TopicLoss";
    private static final int QUEUES = 4;
    private static final int PRODUCER_THREADS = 16;
    private static final Duration FREEZE = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PADDING = "p".repeat(64);
    /** Smaller than any stored record of this test (fixed header + topic + key + 65-byte body + properties). */
    private static final long MIN_RECORD_BYTES = 150;

    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();

    @Test
    void aSyncMasterLosesNoAcknowledgedMessageWhenItsMachineIsLostUnderLoad() throws Exception {
        Counts counts = loseTheMasterUnderLoad("SYNC_MASTER", false);
        assertEquals(0, counts.lost(), counts.toString());
        assertEquals(0, counts.duplicates(), counts.toString());
    }

    @Test
    void anAsyncMasterLosesAtMostWhatItsReplicationLagHeldWhenItsMachineIsLost() throws Exception {
        Counts counts = loseTheMasterUnderLoad("ASYNC_MASTER", false);
        // Acked before the lag was measured and lost => inside the measured lag; each record is > MIN_RECORD_BYTES.
        long bound = counts.ackedAfterLagMeasured() + counts.lagBytesBeforeKill() / MIN_RECORD_BYTES;
        assertTrue(counts.lost() <= bound, "lost " + counts.lost() + " > bound " + bound + ": " + counts);
        assertEquals(0, counts.duplicates(), counts.toString());
    }

    @Test
    void negativeControlAnAsyncMasterLosesWhatItAckedWhileItsSlaveWasFrozen() throws Exception {
        Counts counts = loseTheMasterUnderLoad("ASYNC_MASTER", true);
        assertTrue(counts.lost() > 0, "the checker must see the loss: " + counts);
        assertEquals(0, counts.duplicates(), counts.toString());
    }

    @Test
    void negativeControlASyncMasterLosesNothingWhileItsSlaveWasFrozen() throws Exception {
        Counts counts = loseTheMasterUnderLoad("SYNC_MASTER", true);
        assertEquals(0, counts.lost(), counts.toString());
        assertEquals(0, counts.ackedWhileFrozen(), "no SEND_OK for a send begun while no slave could acknowledge: "
                + counts);
        assertTrue(counts.refusedWhileFrozen() > 0, "the frozen slave made sends answer FLUSH_SLAVE_TIMEOUT / "
                + "SLAVE_NOT_AVAILABLE: " + counts);
        assertEquals(0, counts.duplicates(), counts.toString());
    }

    /** What the checker found; printed by every test. */
    record Counts(String role, boolean frozen, int acked, int consumed, int lost, int duplicates, int corrupt,
                  long ackedWhileFrozen, long refusedWhileFrozen, long lagBytesBeforeKill,
                  long ackedAfterLagMeasured, Map<String, Long> outcomes) {
    }

    private Counts loseTheMasterUnderLoad(String masterRole, boolean freezeSlave) throws Exception {
        System.setProperty("rocketmq.client.localOffsetStoreDir", dir.resolve("client-offsets").toString());
        NamesrvProcess namesrv = closer.track(NamesrvProcess.start(dir.resolve("namesrv")));
        BrokerProcess master = closer.track(BrokerProcess.start(dir.resolve("master"), BROKER_NAME, namesrv.address(),
                Map.of("brokerRole", masterRole, "waitTimeMillsInSendQueue", "5000", "syncFlushTimeout", "1000")));
        BrokerProcess slave = closer.track(BrokerProcess.start(dir.resolve("slave"), BROKER_NAME, namesrv.address(),
                Map.of("brokerRole", "SLAVE", "brokerId", "1")));
        AtomicLong frozenPid = new AtomicLong(-1);
        closer.track(() -> {
            if (frozenPid.get() > 0) {
                signal("CONT", frozenPid.get());
            }
        });

        DefaultMQAdminExt admin = OfficialAdmin.start(namesrv.address(), "loss-admin-" + System.nanoTime());
        closer.track(admin::shutdown);
        admin.createAndUpdateTopicConfig(master.address(), new TopicConfig(TOPIC, QUEUES, QUEUES, 6));
        OfficialAdmin.awaitMasterAndSlave(admin, TOPIC, WAIT);

        DefaultMQProducer producer = new DefaultMQProducer("PG_LOSS");
        producer.setNamesrvAddr(namesrv.address());
        producer.setInstanceName("PG_LOSS-" + System.nanoTime());
        producer.setSendMsgTimeout(5_000);
        // A retried send could store a message twice; without retries every stored copy is one acked attempt.
        producer.setRetryTimesWhenSendFailed(0);
        producer.start();
        closer.track(producer::shutdown);
        await("the slave is connected").atMost(WAIT).ignoreExceptions()
                .until(() -> producer.send(message("probe-" + System.nanoTime())).getSendStatus()
                        == SendStatus.SEND_OK);

        Load load = closer.track(new Load(producer));
        await("load is acknowledged").atMost(WAIT).until(() -> load.acked.size() >= 500);
        long ackedWhileFrozen = 0;
        long refusedWhileFrozen = 0;
        long lagBytes = -1;
        long ackedAfterMeasure = -1;
        if (freezeSlave) {
            frozenPid.set(slave.pid());
            signal("STOP", slave.pid());
            // Counted over sends begun once every thread of the slave is stopped: such a message is appended after
            // the slave's last possible acknowledgement, so a SYNC_MASTER must never answer it SEND_OK.
            await("every thread of the slave stopped").atMost(WAIT).pollInterval(Duration.ofMillis(10))
                    .until(() -> allThreadsStopped(slave.pid()));
            long refusedBefore = load.refused();
            long frozenAt = System.nanoTime();
            await("2 s of load against the frozen slave").atMost(WAIT).pollInterval(Duration.ofMillis(50))
                    .until(() -> System.nanoTime() - frozenAt >= FREEZE.toNanos()
                            && (load.ackedSendsBegunAfter(frozenAt) > 0 || load.refused() > refusedBefore));
            master.kill();
            ackedWhileFrozen = load.ackedSendsBegunAfter(frozenAt);
            refusedWhileFrozen = load.refused() - refusedBefore;
        } else {
            int ackedAtMeasure = load.acked.size();
            lagBytes = Math.max(0, commitLogMaxOffset(admin, master) - commitLogMaxOffset(admin, slave));
            master.kill();
            ackedAfterMeasure = load.acked.size() - ackedAtMeasure;
        }
        deleteTree(master.workDir().resolve("store"));
        load.close();
        if (freezeSlave) {
            signal("CONT", slave.pid());
            frozenPid.set(-1);
        }
        producer.shutdown();
        assertFalse(Files.exists(master.workDir().resolve("store")), "nothing may come from the master's disk");

        await("route shows only the slave").atMost(WAIT).ignoreExceptions().until(() -> {
            BrokerData group = admin.examineTopicRouteInfo(TOPIC).getBrokerDatas().get(0);
            return group.getBrokerAddrs().size() == 1 && group.getBrokerAddrs().containsKey(1L);
        });
        List<MessageExt> consumed = readEveryQueueFromZero(namesrv.address());

        Set<String> consumedKeys = new HashSet<>();
        int corrupt = 0;
        for (MessageExt m : consumed) {
            consumedKeys.add(m.getKeys());
            if (!new String(m.getBody(), StandardCharsets.UTF_8).equals(body(m.getKeys()))) {
                corrupt++;
            }
        }
        Set<String> lost = new HashSet<>(load.acked);
        lost.removeAll(consumedKeys);
        Counts counts = new Counts(masterRole, freezeSlave, load.acked.size(), consumed.size(), lost.size(),
                consumed.size() - consumedKeys.size(), corrupt, ackedWhileFrozen, refusedWhileFrozen, lagBytes,
                ackedAfterMeasure, load.outcomes());
        System.out.printf("%s%s: acked=%d consumed=%d lost=%d duplicate=%d corrupt=%d ackedWhileFrozen=%d "
                        + "refusedWhileFrozen=%d lagBytesBeforeKill=%d ackedAfterLagMeasured=%d outcomes=%s%n",
                masterRole, freezeSlave ? " (slave frozen 2 s)" : "", counts.acked(), counts.consumed(),
                counts.lost(), counts.duplicates(), counts.corrupt(), ackedWhileFrozen, refusedWhileFrozen, lagBytes,
                ackedAfterMeasure, counts.outcomes());
        assertEquals(0, corrupt, counts.toString());
        assertTrue(slave.isAlive(), "the slave survived");
        return counts;
    }

    private static long commitLogMaxOffset(DefaultMQAdminExt admin, BrokerProcess broker) throws Exception {
        return Long.parseLong(admin.fetchBrokerRuntimeStats(broker.address()).getTable().get("commitLogMaxOffset"));
    }

    /** A fresh pull consumer reads every queue of the route (only the slave now) from offset 0 to its end. */
    private List<MessageExt> readEveryQueueFromZero(String namesrvAddr) throws Exception {
        DefaultMQPullConsumer consumer = new DefaultMQPullConsumer("CG_LOSS_CHECK");
        consumer.setNamesrvAddr(namesrvAddr);
        consumer.setInstanceName("CG_LOSS_CHECK-" + System.nanoTime());
        consumer.start();
        closer.track(consumer::shutdown);
        Set<MessageQueue> queues = consumer.fetchSubscribeMessageQueues(TOPIC);
        assertEquals(QUEUES, queues.size(), "queues served by the slave");
        return QueueReader.readFromZero(consumer, queues);
    }

    /** {@value #PRODUCER_THREADS} threads sending small keyed messages until closed. */
    private static final class Load implements AutoCloseable {
        final Set<String> acked = ConcurrentHashMap.newKeySet();
        /** System.nanoTime() at which each acknowledged send began. */
        private final Queue<Long> ackedSendStarts = new ConcurrentLinkedQueue<>();
        private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean running = true;

        Load(DefaultMQProducer producer) {
            for (int t = 0; t < PRODUCER_THREADS; t++) {
                int thread = t;
                Thread sender = new Thread(() -> {
                    for (long seq = 0; running; seq++) {
                        String key = "k" + thread + "-" + seq;
                        String outcome;
                        long begun = System.nanoTime();
                        try {
                            SendResult result = producer.send(message(key));
                            outcome = result.getSendStatus().name();
                            if (result.getSendStatus() == SendStatus.SEND_OK) {
                                acked.add(key);
                                ackedSendStarts.add(begun);
                            }
                        } catch (Exception e) {
                            outcome = e.getClass().getSimpleName();
                        }
                        outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
                    }
                }, "loss-producer-" + t);
                sender.setDaemon(true);
                threads.add(sender);
                sender.start();
            }
        }

        /** Sends begun at or after {@code nanoTime} and answered SEND_OK so far. */
        long ackedSendsBegunAfter(long nanoTime) {
            return ackedSendStarts.stream().filter(begun -> begun >= nanoTime).count();
        }

        /** Sends answered FLUSH_SLAVE_TIMEOUT or SLAVE_NOT_AVAILABLE so far. */
        long refused() {
            return count(SendStatus.FLUSH_SLAVE_TIMEOUT.name()) + count(SendStatus.SLAVE_NOT_AVAILABLE.name());
        }

        private long count(String outcome) {
            LongAdder adder = outcomes.get(outcome);
            return adder == null ? 0 : adder.sum();
        }

        Map<String, Long> outcomes() {
            Map<String, Long> copy = new TreeMap<>();
            outcomes.forEach((k, v) -> copy.put(k, v.sum()));
            return copy;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            }
        }
    }

    private static String body(String key) {
        return key + ":" + PADDING;
    }

    private static Message message(String key) {
        return new Message(TOPIC, "TagLoss", key, body(key).getBytes(StandardCharsets.UTF_8));
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + signal + " " + pid);
    }

    /** Whether every thread of {@code pid} is in the stopped state (field 3 of /proc/PID/task/TID/stat is T). */
    private static boolean allThreadsStopped(long pid) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String stat = Files.readString(task.resolve("stat"));
                // The command name in field 2 is in parentheses and may hold spaces; the state follows the last ')'.
                char state = stat.substring(stat.lastIndexOf(')') + 2).charAt(0);
                if (state != 'T' && state != 't') {
                    return false;
                }
            }
            return true;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
