package org.tidemq.it.ha;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.CRC32;
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
 * A slave killed with kill -9 under continuous load and started again resumes from its own CommitLog and catches
 * up with no hole and no duplicate: afterwards its CommitLog is byte-identical to the master's (CRC32 of the whole
 * written range, segment by segment). Brokers run through bin/mqbroker on 127.0.0.1 with temp dirs.
 */
class SlaveRestartIT {
    private static final String BROKER_NAME = "broker-restart";
    private static final String TOPIC = "TopicRestart";
    private static final int PRODUCER_THREADS = 8;
    private static final int STEP = 300;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @RegisterExtension
    final Closer closer = new Closer();

    @Test
    void aSlaveKilledUnderLoadCatchesUpWithoutHoleOrDuplicate() throws Exception {
        NamesrvProcess namesrv = closer.track(NamesrvProcess.start(dir.resolve("namesrv")));
        BrokerProcess master = closer.track(BrokerProcess.start(dir.resolve("master"), BROKER_NAME, namesrv.address(),
                Map.of("brokerRole", "ASYNC_MASTER", "waitTimeMillsInSendQueue", "5000")));
        BrokerProcess slave = closer.track(BrokerProcess.start(dir.resolve("slave"), BROKER_NAME, namesrv.address(),
                Map.of("brokerRole", "SLAVE", "brokerId", "1")));
        DefaultMQAdminExt admin = OfficialAdmin.start(namesrv.address(), "restart-admin-" + System.nanoTime());
        closer.track(admin::shutdown);
        admin.createAndUpdateTopicConfig(master.address(), new TopicConfig(TOPIC, 4, 4, 6));
        await("route").atMost(WAIT).ignoreExceptions()
                .until(() -> !admin.examineTopicRouteInfo(TOPIC).getQueueDatas().isEmpty());

        DefaultMQProducer producer = new DefaultMQProducer("PG_RESTART");
        producer.setNamesrvAddr(namesrv.address());
        producer.setInstanceName("PG_RESTART-" + System.nanoTime());
        producer.start();
        closer.track(producer::shutdown);
        AtomicInteger acked = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        for (int t = 0; t < PRODUCER_THREADS; t++) {
            int thread = t;
            Thread sender = new Thread(() -> {
                for (int seq = 0; running.get(); seq++) {
                    String body = "r" + thread + "-" + seq + "-" + "x".repeat(seq % 97);
                    try {
                        if (producer.send(new Message(TOPIC, body.getBytes(StandardCharsets.UTF_8)))
                                .getSendStatus() == SendStatus.SEND_OK) {
                            acked.incrementAndGet();
                        }
                    } catch (Exception e) {
                        // counted as not acknowledged
                    }
                }
            }, "restart-producer-" + t);
            sender.setDaemon(true);
            threads.add(sender);
            sender.start();
        }
        closer.track(() -> {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            }
        });

        await("load before the kill").atMost(WAIT).until(() -> acked.get() >= STEP);
        slave.kill();
        int atKill = acked.get();
        await("load while the slave is down").atMost(WAIT).until(() -> acked.get() >= atKill + STEP);
        BrokerProcess restarted = closer.track(slave.startAgain());
        int atRestart = acked.get();
        await("load after the restart").atMost(WAIT).until(() -> acked.get() >= atRestart + STEP);
        running.set(false);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }

        await("the slave caught up").atMost(WAIT).ignoreExceptions().until(() ->
                maxOffset(admin, restarted) == maxOffset(admin, master));
        long max = maxOffset(admin, master);
        Path masterLog = master.workDir().resolve("store").resolve("commitlog");
        Path slaveLog = restarted.workDir().resolve("store").resolve("commitlog");
        List<String> segments = segments(masterLog);
        assertTrue(!segments.isEmpty() && max > 0, "master wrote something");
        for (String segment : segments) {
            long start = Long.parseLong(segment);
            if (start >= max) {
                continue;
            }
            long size = Math.min(Files.size(masterLog.resolve(segment)), max - start);
            assertEquals(crc(masterLog.resolve(segment), size), crc(slaveLog.resolve(segment), size),
                    "segment " + segment + " [0, " + size + ") differs: a hole or a duplicate on the slave");
        }
        // Negative control: the same comparison sees a single changed byte.
        String first = segments.get(0);
        long firstSize = Math.min(Files.size(slaveLog.resolve(first)), max);
        byte[] tampered = new byte[(int) firstSize];
        try (FileChannel channel = FileChannel.open(slaveLog.resolve(first), StandardOpenOption.READ)) {
            ByteBuffer into = ByteBuffer.wrap(tampered);
            while (into.hasRemaining() && channel.read(into) >= 0) {
                // read the whole range
            }
        }
        tampered[tampered.length / 2] ^= 1;
        Path copy = dir.resolve("tampered-segment");
        Files.write(copy, tampered);
        assertTrue(crc(copy, firstSize) != crc(masterLog.resolve(first), firstSize),
                "the checker sees one flipped bit");
        System.out.printf("slave restart under load: acked=%d, CommitLog bytes compared=%d%n", acked.get(), max);
    }

    private static long maxOffset(DefaultMQAdminExt admin, BrokerProcess broker) throws Exception {
        return Long.parseLong(admin.fetchBrokerRuntimeStats(broker.address()).getTable().get("commitLogMaxOffset"));
    }

    private static List<String> segments(Path commitLog) throws IOException {
        try (Stream<Path> files = Files.list(commitLog)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("\\d{20}")).sorted().toList();
        }
    }

    private static long crc(Path file, long length) throws IOException {
        CRC32 crc = new CRC32();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long remaining = length;
            long position = 0;
            while (remaining > 0) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), remaining));
                int read = channel.read(buffer, position);
                if (read < 0) {
                    throw new IOException(file + " ends before " + length + " bytes");
                }
                buffer.flip();
                crc.update(buffer);
                position += read;
                remaining -= read;
            }
        }
        return crc.getValue();
    }
}
