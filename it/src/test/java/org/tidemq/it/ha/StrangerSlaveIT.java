package org.tidemq.it.ha;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.it.support.BrokerProcess;
import org.tidemq.it.support.Closer;
import org.tidemq.it.support.NamesrvProcess;
import org.tidemq.it.support.OfficialAdmin;

/**
 * "The master trusts no stranger", against a SYNC_MASTER started through bin/mqbroker: a raw socket on the HA port
 * that speaks the classic protocol (reports offset 0, then keeps acknowledging the master's real max offset, which it
 * reads from the broker's runtime stats) but is neither announced nor registered at the name server receives no
 * CommitLog byte, never makes a send SEND_OK, and is disconnected after {@code haSlaveIdentifyTimeoutMs}. One that
 * acknowledges an offset above the master's is rejected at once. Negative control: with
 * {@code haAcceptUnidentifiedSlaves=true} the same stranger is streamed the CommitLog and its acknowledgements make
 * sends SEND_OK, so the checks above can fail.
 */
class StrangerSlaveIT {
    private static final String BROKER_NAME = "broker-guarded";
    private static final String TOPIC = "TopicGuarded";
    private static final int QUEUES = 4;
    private static final int SENDS = 10;
    private static final long IDENTIFY_TIMEOUT_MS = 3_000;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();
    private NamesrvProcess namesrv;
    private BrokerProcess master;
    private DefaultMQAdminExt admin;
    private DefaultMQProducer producer;

    private void startSyncMaster(Map<String, String> extra) throws Exception {
        System.setProperty("rocketmq.client.localOffsetStoreDir", dir.resolve("client-offsets").toString());
        namesrv = closer.track(NamesrvProcess.start(dir.resolve("namesrv")));
        Map<String, String> properties = new HashMap<>(Map.of("brokerRole", "SYNC_MASTER",
                "syncFlushTimeout", "2000", "waitTimeMillsInSendQueue", "5000",
                "haSlaveIdentifyTimeoutMs", Long.toString(IDENTIFY_TIMEOUT_MS)));
        properties.putAll(extra);
        master = closer.track(BrokerProcess.start(dir.resolve("master"), BROKER_NAME, namesrv.address(), properties));
        admin = OfficialAdmin.start(namesrv.address(), "stranger-admin-" + System.nanoTime());
        closer.track(admin::shutdown);
        admin.createAndUpdateTopicConfig(master.address(), new TopicConfig(TOPIC, QUEUES, QUEUES, 6));
        await("route").atMost(WAIT).ignoreExceptions().until(() ->
                !admin.examineTopicRouteInfo(TOPIC).getQueueDatas().isEmpty());
        producer = new DefaultMQProducer("PG_GUARDED");
        producer.setNamesrvAddr(namesrv.address());
        producer.setInstanceName("PG_GUARDED-" + System.nanoTime());
        producer.setSendMsgTimeout(10_000);
        producer.start();
        closer.track(producer::shutdown);
    }

    private long masterMaxOffset() throws Exception {
        return Long.parseLong(admin.fetchBrokerRuntimeStats(master.address()).getTable().get("commitLogMaxOffset"));
    }

    private SendStatus send(String body) throws Exception {
        return producer.send(new Message(TOPIC, body.getBytes(StandardCharsets.UTF_8))).getSendStatus();
    }

    @Test
    void aStrangerOnTheHaPortGetsNoDataCannotAckSyncSendsAndIsDisconnected() throws Exception {
        startSyncMaster(Map.of());
        await("the master answers sends").atMost(WAIT).ignoreExceptions()
                .until(() -> send("probe") == SendStatus.SLAVE_NOT_AVAILABLE);

        Stranger stranger = closer.track(new Stranger(master.port() + 1, this::masterMaxOffset));
        await("the stranger acknowledges the master's max offset").atMost(WAIT)
                .until(() -> stranger.lastAck() == masterMaxOffset());
        List<SendStatus> answers = new ArrayList<>();
        for (int i = 0; i < SENDS && stranger.isConnected(); i++) {
            answers.add(send("guarded-" + i));
        }
        assertTrue(answers.size() >= 3, "several sends while the stranger was connected: " + answers);
        for (SendStatus answer : answers) {
            assertTrue(answer == SendStatus.SLAVE_NOT_AVAILABLE || answer == SendStatus.FLUSH_SLAVE_TIMEOUT,
                    "never SEND_OK on a stranger's acknowledgement: " + answers);
        }
        await("the stranger is disconnected after haSlaveIdentifyTimeoutMs").atMost(WAIT)
                .until(() -> !stranger.isConnected());
        assertTrue(stranger.lastAck() > 0, "it acknowledged real offsets");
        assertEquals(0, stranger.bytesReceived(), "no CommitLog byte (nor heartbeat) went to the stranger");
        assertTrue(stranger.connectedMs() >= IDENTIFY_TIMEOUT_MS - 500, "closed by the timeout, after "
                + stranger.connectedMs() + " ms");
        String log = master.log();
        assertTrue(log.contains("still unidentified after " + IDENTIFY_TIMEOUT_MS + " ms"), log);

        try (Socket liar = new Socket("127.0.0.1", master.port() + 1)) {
            liar.setSoTimeout(10_000);
            long huge = masterMaxOffset() + (1L << 40);
            new DataOutputStream(liar.getOutputStream()).writeLong(huge);
            DataInputStream in = new DataInputStream(liar.getInputStream());
            long toldOffset = in.readLong();
            assertEquals(0, in.readInt(), "only a header naming the master's offset, no data");
            assertTrue(toldOffset < huge);
            assertEquals(-1, in.read(), "closed at once");
            await().atMost(WAIT).until(() -> master.log().contains("acknowledged CommitLog offset " + huge));
        }
    }

    @Test
    void negativeControlWithHaAcceptUnidentifiedSlavesTheStrangerIsStreamedToAndMakesSendsSendOk()
            throws Exception {
        startSyncMaster(Map.of("haAcceptUnidentifiedSlaves", "true"));
        await("the master answers sends").atMost(WAIT).ignoreExceptions()
                .until(() -> send("probe") == SendStatus.SLAVE_NOT_AVAILABLE);

        Stranger stranger = closer.track(new Stranger(master.port() + 1, this::masterMaxOffset));
        await("a stranger's acknowledgements make a send SEND_OK").atMost(WAIT)
                .until(() -> send("trusted-" + System.nanoTime()) == SendStatus.SEND_OK);
        assertTrue(stranger.bytesReceived() > 0, "the stranger received CommitLog bytes");
        await("reported, not closed, after the timeout").atMost(WAIT)
                .until(() -> master.log().contains("is unidentified after " + IDENTIFY_TIMEOUT_MS + " ms"));
        assertTrue(stranger.isConnected());
        assertNotEquals(0, stranger.lastAck());
    }

    /** Source of offsets the stranger acknowledges besides what it received. */
    @FunctionalInterface
    private interface OffsetSource {
        long get() throws Exception;
    }

    /**
     * A raw classic-HA client nobody identified: reports 0, then every 100 ms acknowledges the higher of what it
     * received and the master's max offset; counts every byte it receives. Closing it stops both threads.
     */
    private static final class Stranger implements AutoCloseable {
        private final Socket socket;
        private final long connectedAtMs = System.currentTimeMillis();
        private final AtomicLong bytes = new AtomicLong();
        private final AtomicLong received = new AtomicLong();
        private final AtomicLong acked = new AtomicLong(-1);
        private final AtomicLong closedAtMs = new AtomicLong(-1);
        private final AtomicBoolean connected = new AtomicBoolean(true);
        private final ScheduledExecutorService acker = Executors.newSingleThreadScheduledExecutor();
        private final Thread reader;

        Stranger(int haPort, OffsetSource masterMax) throws IOException {
            socket = new Socket("127.0.0.1", haPort);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeLong(0);
            out.flush();
            acked.set(0);
            reader = new Thread(this::read, "stranger-reader");
            reader.setDaemon(true);
            reader.start();
            acker.scheduleWithFixedDelay(() -> {
                try {
                    long offset = Math.max(received.get(), masterMax.get());
                    synchronized (out) {
                        out.writeLong(offset);
                        out.flush();
                    }
                    acked.set(offset);
                } catch (Exception e) {
                    // the master closed the connection, or the stats were not readable this time
                }
            }, 100, 100, TimeUnit.MILLISECONDS);
        }

        private void read() {
            try {
                DataInputStream in = new DataInputStream(new FilterInputStream(socket.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        int b = super.read();
                        if (b >= 0) {
                            bytes.incrementAndGet();
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = super.read(buffer, offset, length);
                        if (n > 0) {
                            bytes.addAndGet(n);
                        }
                        return n;
                    }
                });
                while (true) {
                    long offset = in.readLong();
                    int size = in.readInt();
                    in.readNBytes(size);
                    received.accumulateAndGet(offset + size, Math::max);
                }
            } catch (EOFException end) {
                // closed by the master
            } catch (IOException e) {
                // reset by the master, or closed by the test
            } finally {
                closedAtMs.compareAndSet(-1, System.currentTimeMillis());
                connected.set(false);
            }
        }

        long bytesReceived() {
            return bytes.get();
        }

        long lastAck() {
            return acked.get();
        }

        boolean isConnected() {
            return connected.get();
        }

        long connectedMs() {
            long closed = closedAtMs.get();
            return (closed < 0 ? System.currentTimeMillis() : closed) - connectedAtMs;
        }

        @Override
        public void close() throws Exception {
            acker.shutdownNow();
            socket.close();
            reader.join(10_000);
        }
    }
}
