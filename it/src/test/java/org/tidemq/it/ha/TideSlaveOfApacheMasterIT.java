package org.tidemq.it.ha;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tidemq.it.ha.ApacheSlaveInteropIT.FIRST_SEGMENT;
import static org.tidemq.it.ha.ApacheSlaveInteropIT.readPrefix;
import static org.tidemq.it.ha.ApacheSlaveInteropIT.writtenLength;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.it.support.BrokerProcess;
import org.tidemq.it.support.FreePort;
import org.tidemq.it.support.NamesrvProcess;
import org.tidemq.it.support.OfficialAdmin;

/**
 * Interop of the classic HA protocol, the other direction: a TideMQ SLAVE (bin/mqbroker, {@code haMasterAddress})
 * follows an Apache RocketMQ 5.2.0 ASYNC_MASTER and ends with a byte-identical CommitLog.
 */
class TideSlaveOfApacheMasterIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final List<AutoCloseable> opened = new ArrayList<>();
    private Process apacheMaster;

    @AfterEach
    void stopAll() throws InterruptedException {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                // keep stopping the rest
            }
        }
        if (apacheMaster != null) {
            apacheMaster.destroyForcibly();
            apacheMaster.waitFor(15, TimeUnit.SECONDS);
        }
    }

    @Test
    void aTideMqSlaveFollowingAnApacheMasterHoldsAByteIdenticalCommitLog() throws Exception {
        System.setProperty("rocketmq.client.localOffsetStoreDir", dir.resolve("client-offsets").toString());
        NamesrvProcess namesrv = NamesrvProcess.start(dir.resolve("namesrv"));
        opened.add(namesrv);
        int masterPort = FreePort.pick();
        int masterHaPort = FreePort.pick();
        Path masterDir = Files.createDirectories(dir.resolve("apache-master"));
        apacheMaster = ApacheSlaveInteropIT.startApacheBroker(masterDir, namesrv.address(), "ASYNC_MASTER", 0,
                masterPort, masterHaPort);
        BrokerProcess slave = BrokerProcess.start(dir.resolve("slave"), ApacheSlaveInteropIT.BROKER_NAME,
                namesrv.address(), Map.of("brokerRole", "SLAVE", "brokerId", "1",
                        "haMasterAddress", "127.0.0.1:" + masterHaPort));
        opened.add(slave);

        DefaultMQAdminExt admin = OfficialAdmin.start(namesrv.address(),
                "interop-admin-" + ProcessHandle.current().pid());
        opened.add(admin::shutdown);
        admin.createAndUpdateTopicConfig("127.0.0.1:" + masterPort, new TopicConfig("TopicInterop", 4, 4, 6));
        DefaultMQProducer producer = new DefaultMQProducer("PG_INTEROP");
        producer.setNamesrvAddr(namesrv.address());
        producer.setInstanceName("PG_INTEROP-" + ProcessHandle.current().pid());
        producer.setSendMsgTimeout(10_000);
        producer.start();
        opened.add(producer::shutdown);
        await("topic route").atMost(WAIT).ignoreExceptions().until(() -> producer.send(
                new Message("TopicInterop", "probe".getBytes(StandardCharsets.UTF_8))).getSendStatus()
                == SendStatus.SEND_OK);
        for (int i = 0; i < 200; i++) {
            byte[] body = ("interop-" + i + "-" + "p".repeat(i * 7)).getBytes(StandardCharsets.UTF_8);
            assertEquals(SendStatus.SEND_OK, producer.send(new Message("TopicInterop", "T", body)).getSendStatus());
        }

        Path masterSegment = masterDir.resolve("store").resolve("commitlog").resolve(FIRST_SEGMENT);
        Path slaveSegment = slave.workDir().resolve("store").resolve("commitlog").resolve(FIRST_SEGMENT);
        byte[] masterBytes = Files.readAllBytes(masterSegment);
        int written = writtenLength(masterBytes);
        assertTrue(written > 200 * 30, "the master wrote the messages, " + written + " bytes");
        try {
            await("the TideMQ slave's CommitLog matches the Apache master's").atMost(WAIT).until(() ->
                    Files.exists(slaveSegment) && Arrays.equals(masterBytes, 0, written,
                            readPrefix(slaveSegment, written), 0, written));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("slave segment " + (Files.exists(slaveSegment)
                    ? writtenLength(Files.readAllBytes(slaveSegment)) + " bytes" : "missing") + " vs master "
                    + written + "\n--- TideMQ slave log:\n" + ApacheSlaveInteropIT.tail(slave.log())
                    + "\n--- Apache master logs:\n" + ApacheSlaveInteropIT.apacheLogs(masterDir), e);
        }
        assertArrayEquals(Arrays.copyOf(masterBytes, written), readPrefix(slaveSegment, written));
        assertTrue(slave.isAlive());
    }
}
