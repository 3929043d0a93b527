package org.tidemq.it.timer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.rocketmq.client.consumer.DefaultMQPullConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageAccessor;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.timer.TimerWheelLayout;
import org.tidemq.it.support.BrokerProcess;
import org.tidemq.it.support.Closer;
import org.tidemq.it.support.NamesrvProcess;
import org.tidemq.it.support.OfficialAdmin;
import org.tidemq.it.support.QueueReader;

/**
 * The operator's failover of timed messages: a SYNC_MASTER + SLAVE pair (bin/mqbroker) holds 2,000 timers sent with
 * the official 5.2.0 producer ({@code setDeliverTimeMs}), due over 12 s; about 70 % has fired when the master's
 * machine is lost (kill -9 and its store deleted). The fires of the first seconds the slave has already seen
 * replicated (it confirms a slot 5 s after it ends; its wheel file's FIRED_THROUGH_SLOT shows how far), the later
 * ones it has not. The slave is stopped and started again on the same store as SYNC_MASTER (brokerId 0, same
 * brokerName), and a fresh consumer reads the real topic from offset 0: every
 * acknowledged timer must be there exactly once, none stored before its deliver time. The slave indexed the
 * replicated timer queue; restarted as master it fires what its old master had not, and the key-index lookup drops
 * what the old master had fired (those fires were replicated). 50 timers due after the loss are cancelled
 * ({@code TIMER_DEL_UNIQKEY}) before it: the slave applied the replicated cancellations, so they never fire.
 *
 * <p>Negative control: the same flow with {@code messageIndexEnable=false} on the slave, so the lookup finds nothing;
 * the checker must then see the old master's fires delivered a second time (duplicates &gt; 0) and the cancelled
 * timers delivered (the slave could not resolve the cancellations), and still nothing lost.
 */
class TimerFailoverIT {
    private static final String BROKER_NAME = "broker-timer-ha";
    private static final String TOPIC = "TimerFailover";
    private static final int QUEUES = 4;
    private static final int TIMERS = 2_000;
    /** Time to send every timer before the first is due. */
    private static final long SEND_WINDOW_MS = 4_000;
    private static final long SPREAD_MS = 12_000;
    /** The master is lost this long after the first timer is due: about 70 % has fired. */
    private static final long KILL_AFTER_MS = 8_500;
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** timerPrecisionMs (default): a wheel slot's width. */
    private static final long PRECISION_MS = 1_000;
    /** Timers cancelled (TIMER_DEL_UNIQKEY) before the master is lost, all due after it. */
    private static final int CANCELLED = 50;

    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();

    @Test
    void theSlaveRestartedAsMasterFiresEveryAcknowledgedTimerExactlyOnceAndNoneEarly() throws Exception {
        Counts counts = loseTheMasterWhileTimersFire(Map.of());
        assertTrue(counts.firedBeforeKill() > 0, "some timers fired on the old master: " + counts);
        assertTrue(counts.acked() > TIMERS * 9 / 10, "acknowledged: " + counts);
        assertEquals(0, counts.lost(), counts.toString());
        assertEquals(0, counts.duplicates(), counts.toString());
        assertEquals(0, counts.early(), counts.toString());
        assertEquals(counts.acked() - counts.cancelled(), counts.delivered(), counts.toString());
        assertEquals(CANCELLED, counts.cancelled(), counts.toString());
        assertEquals(0, counts.cancelledDelivered(), "cancellations replicated to the slave hold: " + counts);
        long confirmed = counts.slaveConfirmedMsAfterFirstDue();
        assertTrue(confirmed >= 0 && confirmed < KILL_AFTER_MS, "the slave had confirmed the first fires, not the"
                + " last ones: " + counts);
    }

    @Test
    void negativeControlWithoutTheKeyIndexTheOldMastersFiresAreDeliveredAgain() throws Exception {
        Counts counts = loseTheMasterWhileTimersFire(Map.of("messageIndexEnable", "false"));
        assertTrue(counts.firedBeforeKill() > 0, "some timers fired on the old master: " + counts);
        assertTrue(counts.duplicates() > 0, "the checker must see the duplicates: " + counts);
        assertEquals(0, counts.lost(), counts.toString());
        assertEquals(0, counts.early(), counts.toString());
        // Cancellations are resolved through the key index too: without it the slave never applied them.
        assertTrue(counts.cancelledDelivered() > 0, "the checker must see cancelled timers delivered: " + counts);
        // It stops before the first timer's slot: without the index it cannot see that timer's fire.
        assertTrue(counts.slaveConfirmedMsAfterFirstDue() < 0, "nothing confirmed without the index: " + counts);
    }

    /** What the checker found; printed by every test. */
    record Counts(int acked, int firedBeforeKill, int delivered, int lost, int duplicates, int early, int cancelled,
                  int cancelledDelivered, long slaveConfirmedMsAfterFirstDue, Map<String, Integer> outcomes) {
    }

    private Counts loseTheMasterWhileTimersFire(Map<String, String> slaveExtra) throws Exception {
        System.setProperty("rocketmq.client.localOffsetStoreDir", dir.resolve("client-offsets").toString());
        NamesrvProcess namesrv = closer.track(NamesrvProcess.start(dir.resolve("namesrv")));
        BrokerProcess master = closer.track(BrokerProcess.start(dir.resolve("master"), BROKER_NAME, namesrv.address(),
                Map.of("brokerRole", "SYNC_MASTER", "waitTimeMillsInSendQueue", "5000")));
        Map<String, String> slaveProperties = new HashMap<>(slaveExtra);
        slaveProperties.put("brokerRole", "SLAVE");
        slaveProperties.put("brokerId", "1");
        BrokerProcess slave = closer.track(BrokerProcess.start(dir.resolve("slave"), BROKER_NAME, namesrv.address(),
                slaveProperties));

        DefaultMQAdminExt admin = OfficialAdmin.start(namesrv.address(), "timer-ha-admin-" + System.nanoTime());
        closer.track(admin::shutdown);
        admin.createAndUpdateTopicConfig(master.address(), new TopicConfig(TOPIC, QUEUES, QUEUES, 6));
        OfficialAdmin.awaitMasterAndSlave(admin, TOPIC, WAIT);

        DefaultMQProducer producer = new DefaultMQProducer("PG_TIMER_HA");
        producer.setNamesrvAddr(namesrv.address());
        producer.setInstanceName("PG_TIMER_HA-" + System.nanoTime());
        producer.setSendMsgTimeout(5_000);
        // A retried send could park a timer twice; without retries every parked copy is one acked attempt.
        producer.setRetryTimesWhenSendFailed(0);
        producer.setRetryTimesWhenSendAsyncFailed(0);
        producer.start();
        closer.track(producer::shutdown);
        AtomicInteger probes = new AtomicInteger();
        await("the slave is connected").atMost(WAIT).ignoreExceptions().until(() -> {
            Message probe = new Message(TOPIC, "probe", "probe".getBytes(StandardCharsets.UTF_8));
            probe.setDeliverTimeMs(System.currentTimeMillis() - 1);
            SendStatus status = producer.send(probe).getSendStatus();
            probes.incrementAndGet();
            return status == SendStatus.SEND_OK;
        });

        long base = System.currentTimeMillis() + SEND_WINDOW_MS;
        Map<String, Long> dueAt = new HashMap<>();
        for (int i = 0; i < TIMERS; i++) {
            // Interleaved so that the timers due first are not all sent first.
            int slot = (i * 7) % TIMERS;
            dueAt.put(key(i), base + slot * SPREAD_MS / TIMERS);
        }
        Set<String> acked = ConcurrentHashMap.newKeySet();
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        Map<String, String> msgIds = new ConcurrentHashMap<>();
        Semaphore inFlight = new Semaphore(64);
        for (int i = 0; i < TIMERS; i++) {
            String key = key(i);
            Message message = new Message(TOPIC, "timer", key, body(key).getBytes(StandardCharsets.UTF_8));
            message.setDeliverTimeMs(dueAt.get(key));
            inFlight.acquireUninterruptibly();
            producer.send(message, new SendCallback() {
                @Override
                public void onSuccess(SendResult result) {
                    outcomes.merge(result.getSendStatus().name(), 1, Integer::sum);
                    if (result.getSendStatus() == SendStatus.SEND_OK) {
                        acked.add(key);
                        msgIds.put(key, result.getMsgId());
                    }
                    inFlight.release();
                }

                @Override
                public void onException(Throwable e) {
                    outcomes.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                    inFlight.release();
                }
            });
        }
        inFlight.acquireUninterruptibly(64);
        // Cancel some timers due after the master is lost; the slave applies the replicated cancellations.
        Set<String> cancelled = new HashSet<>();
        for (int i = 0; i < TIMERS && cancelled.size() < CANCELLED; i++) {
            String key = key(i);
            // Due after the loss, and far enough ahead to be cancelled (a cancellation must be in the future).
            long earliest = Math.max(base + KILL_AFTER_MS + 2_000, System.currentTimeMillis() + 1_500);
            if (acked.contains(key) && dueAt.get(key) > earliest) {
                Message cancel = new Message(TOPIC, "cancel", "cancel-" + key, new byte[] {'c'});
                cancel.setDeliverTimeMs(dueAt.get(key));
                MessageAccessor.putProperty(cancel, MessageConst.PROPERTY_TIMER_DEL_UNIQKEY, msgIds.get(key));
                assertEquals(SendStatus.SEND_OK, producer.send(cancel).getSendStatus());
                cancelled.add(key);
            }
        }
        long sentAt = System.currentTimeMillis();
        // A slow machine may finish sending after the first are due: those fire at once; the checks hold regardless.
        System.out.printf("timer failover: timers and cancellations sent %d ms before the first was due%n",
                base - sentAt);

        await("the first timers fire on the master").atMost(WAIT).pollInterval(Duration.ofMillis(20))
                .until(() -> System.currentTimeMillis() >= base + KILL_AFTER_MS);
        master.kill();
        long killedAt = System.currentTimeMillis();
        deleteTree(master.workDir().resolve("store"));
        assertFalse(Files.exists(master.workDir().resolve("store")), "nothing may come from the master's disk");
        producer.shutdown();

        // The operator's promotion: same machine, same store, brokerId 0 and a master role.
        assertEquals(143, slave.stop(Duration.ofSeconds(30)), "SIGTERM exit after a clean shutdown");
        long confirmedThroughMs = slaveFiredThroughSlot(slave) * PRECISION_MS + PRECISION_MS - 1;
        Map<String, String> promoted = new HashMap<>(slaveExtra);
        promoted.put("brokerRole", "SYNC_MASTER");
        BrokerProcess newMaster = closer.track(BrokerProcess.start(slave.workDir(), BROKER_NAME, namesrv.address(),
                promoted));

        long lastDue = dueAt.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        await("every timer due and fired").atMost(WAIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> System.currentTimeMillis() > lastDue + 1_000
                        && queueTotal(admin, newMaster) >= acked.size() - cancelled.size() + probes.get());
        List<MessageExt> consumed = readEveryQueueFromZero(namesrv.address());

        Map<String, Integer> seen = new HashMap<>();
        int early = 0;
        Set<String> firedOnTheOldMaster = new HashSet<>();
        List<String> earlyExamples = new ArrayList<>();
        for (MessageExt m : consumed) {
            if ("probe".equals(m.getTags())) {
                continue;
            }
            seen.merge(m.getKeys(), 1, Integer::sum);
            assertEquals(body(m.getKeys()), new String(m.getBody(), StandardCharsets.UTF_8), "body of " + m);
            if (m.getStoreTimestamp() < killedAt) {
                firedOnTheOldMaster.add(m.getKeys());
            }
            Long due = dueAt.get(m.getKeys());
            assertTrue(due != null, "unknown key " + m.getKeys());
            if (m.getStoreTimestamp() < due) {
                early++;
                if (earlyExamples.size() < 5) {
                    earlyExamples.add(m.getKeys() + " due " + due + " stored " + m.getStoreTimestamp());
                }
            }
        }
        int lost = 0;
        int cancelledDelivered = 0;
        for (String key : acked) {
            if (cancelled.contains(key)) {
                cancelledDelivered += seen.containsKey(key) ? 1 : 0;
            } else if (!seen.containsKey(key)) {
                lost++;
            }
        }
        int delivered = (int) seen.keySet().stream().filter(key -> !cancelled.contains(key)).count();
        int duplicates = seen.values().stream().mapToInt(n -> n - 1).sum();
        int firedBeforeKill = firedOnTheOldMaster.size();
        Counts counts = new Counts(acked.size(), firedBeforeKill, delivered, lost, duplicates, early,
                cancelled.size(), cancelledDelivered, confirmedThroughMs - base, new HashMap<>(outcomes));
        System.out.printf("timer failover%s: acked=%d firedBeforeKill=%d delivered=%d lost=%d duplicate=%d "
                        + "early=%d cancelled=%d cancelledDelivered=%d slaveConfirmedMsAfterFirstDue=%d "
                        + "outcomes=%s%s%n",
                slaveExtra.isEmpty() ? "" : " " + slaveExtra, counts.acked(), firedBeforeKill, delivered, lost,
                duplicates, early, cancelled.size(), cancelledDelivered, counts.slaveConfirmedMsAfterFirstDue(),
                counts.outcomes(),
                earlyExamples.isEmpty() ? "" : " early e.g. " + earlyExamples);
        return counts;
    }

    /** FIRED_THROUGH_SLOT of a (stopped) broker's timer wheel file: how far it has seen its master's fires. */
    private static long slaveFiredThroughSlot(BrokerProcess broker) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(TimerWheelLayout.HEADER_SIZE);
        try (FileChannel wheel = FileChannel.open(broker.workDir().resolve("store").resolve("timerwheel")
                .resolve("timerwheel"))) {
            wheel.read(header, 0);
        }
        return header.getLong(TimerWheelLayout.FIRED_THROUGH_SLOT);
    }

    /** Messages in TOPIC's queues on {@code broker}. */
    private static int queueTotal(DefaultMQAdminExt admin, BrokerProcess broker) throws Exception {
        long total = 0;
        for (int queueId = 0; queueId < QUEUES; queueId++) {
            total += admin.maxOffset(new MessageQueue(TOPIC, BROKER_NAME, queueId));
        }
        return (int) total;
    }

    /** A fresh pull consumer reads every queue of the route (only the new master now) from offset 0 to its end. */
    private List<MessageExt> readEveryQueueFromZero(String namesrvAddr) throws Exception {
        DefaultMQPullConsumer consumer = new DefaultMQPullConsumer("CG_TIMER_HA_CHECK");
        consumer.setNamesrvAddr(namesrvAddr);
        consumer.setInstanceName("CG_TIMER_HA_CHECK-" + System.nanoTime());
        consumer.start();
        closer.track(consumer::shutdown);
        Set<MessageQueue> queues = consumer.fetchSubscribeMessageQueues(TOPIC);
        assertEquals(QUEUES, queues.size(), "queues served by the new master");
        return QueueReader.readFromZero(consumer, queues);
    }

    private static String key(int i) {
        return "timer-" + i;
    }

    private static String body(String key) {
        return key + ":timed";
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
