package org.tidemq.it.ha;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
 * Interop of the classic HA protocol (facts §10), one direction: an Apache RocketMQ 5.2.0 broker started as SLAVE
 * follows a TideMQ ASYNC_MASTER (both on 127.0.0.1, temp dirs). Its CommitLog file becomes byte-identical to the
 * master's, which shows TideMQ's master frames, start rule and offsets are what an Apache slave expects.
 */
class ApacheSlaveInteropIT {
    static final String BROKER_NAME = "broker-interop";
    /** BrokerProcess's CommitLog segment size; an Apache slave must use the same. */
    static final int SEGMENT_BYTES = 16 * 1024 * 1024;
    static final String FIRST_SEGMENT = "00000000000000000000";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final List<AutoCloseable> opened = new ArrayList<>();
    private Process apacheSlave;

    @AfterEach
    void stopAll() throws InterruptedException {
        if (apacheSlave != null) {
            apacheSlave.destroyForcibly();
            apacheSlave.waitFor(15, TimeUnit.SECONDS);
        }
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                // keep stopping the rest
            }
        }
    }

    @Test
    void anApacheSlaveFollowingATideMqMasterHoldsAByteIdenticalCommitLog() throws Exception {
        System.setProperty("rocketmq.client.localOffsetStoreDir", dir.resolve("client-offsets").toString());
        NamesrvProcess namesrv = NamesrvProcess.start(dir.resolve("namesrv"));
        opened.add(namesrv);
        BrokerProcess master = BrokerProcess.start(dir.resolve("master"), BROKER_NAME, namesrv.address(),
                Map.of("brokerRole", "ASYNC_MASTER"));
        opened.add(master);
        Path slaveDir = Files.createDirectories(dir.resolve("apache-slave"));
        apacheSlave = startApacheSlave(slaveDir, namesrv.address());

        DefaultMQAdminExt admin = OfficialAdmin.start(namesrv.address(),
                "interop-admin-" + ProcessHandle.current().pid());
        opened.add(admin::shutdown);
        admin.createAndUpdateTopicConfig(master.address(), new TopicConfig("TopicInterop", 4, 4, 6));
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

        Path masterSegment = master.workDir().resolve("store").resolve("commitlog").resolve(FIRST_SEGMENT);
        Path slaveSegment = slaveDir.resolve("store").resolve("commitlog").resolve(FIRST_SEGMENT);
        byte[] masterBytes = Files.readAllBytes(masterSegment);
        int written = writtenLength(masterBytes);
        assertTrue(written > 200 * 30, "the master wrote the messages, " + written + " bytes");
        try {
            await("the Apache slave's CommitLog matches the TideMQ master's").atMost(WAIT).until(() ->
                    Files.exists(slaveSegment) && Arrays.equals(masterBytes, 0, written,
                            readPrefix(slaveSegment, written), 0, written));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("slave segment " + (Files.exists(slaveSegment)
                    ? writtenLength(Files.readAllBytes(slaveSegment)) + " bytes" : "missing") + " vs master "
                    + written + "\n--- TideMQ master log:\n" + tail(master.log()) + "\n--- Apache slave logs:\n"
                    + apacheLogs(slaveDir), e);
        }
        assertArrayEquals(Arrays.copyOf(masterBytes, written), readPrefix(slaveSegment, written));
        assertTrue(apacheSlave.isAlive());
        // The master streams only to identified slaves: the Apache slave, which cannot announce itself, was named by
        // its NameServer registration.
        assertTrue(master.log().contains("identified by the name servers as slave " + BROKER_NAME + "/1"),
                tail(master.log()));
    }

    static String tail(String text) {
        return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
    }

    /** The Apache slave's store and broker logs (HA lines go to store.log), for failure messages. */
    static String apacheLogs(Path slaveDir) {
        StringBuilder text = new StringBuilder();
        try (var files = Files.walk(slaveDir.resolve("home"))) {
            for (Path file : files.filter(f -> f.toString().endsWith("store.log")
                    || f.toString().endsWith("broker.log")).toList()) {
                text.append("== ").append(file.getFileName()).append('\n').append(tail(Files.readString(file)));
            }
            text.append("== console\n").append(tail(Files.readString(slaveDir.resolve("console.out"))));
        } catch (IOException e) {
            text.append(e);
        }
        return text.toString();
    }

    /** Length up to the last non-zero byte: the records (the segment file is pre-allocated with zeros). */
    static int writtenLength(byte[] segment) {
        int end = segment.length;
        while (end > 0 && segment[end - 1] == 0) {
            end--;
        }
        return end;
    }

    static byte[] readPrefix(Path file, int length) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return Arrays.copyOf(all, length);
    }

    /**
     * Starts Apache 5.2.0's BrokerStartup as SLAVE of {@link #BROKER_NAME}. It learns the master's HA address from its
     * REGISTER_BROKER answer (TideMQ's name server returns the live master's haServerAddr): 5.2.0 drops a configured
     * {@code haMasterAddress}, because it hands it to its HA client during initialize(), before start() creates that
     * client, and then stops taking the address from registrations.
     */
    private Process startApacheSlave(Path slaveDir, String namesrvAddr) throws IOException {
        return startApacheBroker(slaveDir, namesrvAddr, "SLAVE", 1, FreePort.pick(), FreePort.pick());
    }

    /** Apache 5.2.0's BrokerStartup on 127.0.0.1 with its files under {@code brokerDir}; waits for its boot line. */
    static Process startApacheBroker(Path brokerDir, String namesrvAddr, String role, int brokerId, int port,
                                     int haPort) throws IOException {
        Path store = brokerDir.resolve("store");
        StringBuilder properties = new StringBuilder();
        Map.ofEntries(
                Map.entry("brokerClusterName", "TideCluster"),
                Map.entry("brokerName", BROKER_NAME),
                Map.entry("brokerId", Integer.toString(brokerId)),
                Map.entry("brokerRole", role),
                Map.entry("listenPort", Integer.toString(port)),
                Map.entry("haListenPort", Integer.toString(haPort)),
                Map.entry("bindAddress", "127.0.0.1"),
                Map.entry("brokerIP1", "127.0.0.1"),
                Map.entry("brokerIP2", "127.0.0.1"),
                Map.entry("namesrvAddr", namesrvAddr),
                Map.entry("storePathRootDir", store.toString().replace('\\', '/')),
                Map.entry("storePathCommitLog", store.resolve("commitlog").toString().replace('\\', '/')),
                Map.entry("mappedFileSizeCommitLog", Integer.toString(SEGMENT_BYTES)),
                Map.entry("mappedFileSizeConsumeQueue", Integer.toString(20 * 30_000)),
                Map.entry("timerWheelEnable", "false"))
                .forEach((key, value) -> properties.append(key).append('=').append(value).append('\n'));
        Path config = Files.writeString(brokerDir.resolve("broker.properties"), properties);
        Path home = Files.createDirectories(brokerDir.resolve("home"));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:MaxDirectMemorySize=256m", "-XX:+UseSerialGC", "-Duser.home=" + home,
                "-Drocketmq.home.dir=" + home, "-cp", System.getProperty("java.class.path"),
                "org.apache.rocketmq.broker.BrokerStartup", "-c", config.toString());
        Path output = brokerDir.resolve("console.out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(brokerDir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("ROCKETMQ_HOME", home.toString());
        Process process = builder.start();
        await("Apache " + role + " boot").atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("Apache " + role + " exited: " + Files.readString(output));
            }
            return Files.exists(output) && Files.readString(output).contains("boot success");
        });
        return process;
    }
}
