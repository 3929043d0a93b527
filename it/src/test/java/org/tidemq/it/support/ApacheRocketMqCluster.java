package org.tidemq.it.support;

import org.tidemq.common.protocol.TopicNames;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.common.remoting.netty.NettyClientConfig;
import org.tidemq.common.remoting.netty.NettyRemotingClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * An Apache RocketMQ 5.2.0 name server and one master broker, each a child JVM on this test JVM's classpath
 * ({@code NamesrvStartup -c} / {@code BrokerStartup -c}), on free 127.0.0.1 ports with every file (store, logs,
 * ROCKETMQ_HOME, user.home) under a temp dir. The interop oracle for TideMQ's client. {@link #close()} kills both.
 */
public final class ApacheRocketMqCluster implements AutoCloseable {
    public static final String BROKER_NAME = "apache-broker-it";
    private static final String NAMESRV_BOOT_LINE = "The Name Server boot success";
    private static final String BROKER_BOOT_LINE = "boot success";
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(60);

    private final List<Process> processes = new ArrayList<>();
    private final Path workDir;
    private int namesrvPort;
    private int brokerPort;
    private Path brokerConfig;
    private Process brokerProcess;

    private ApacheRocketMqCluster(Path workDir) {
        this.workDir = workDir;
    }

    /** Starts the name server, then the broker, and waits for both boot lines. */
    public static ApacheRocketMqCluster start(Path workDir) throws IOException {
        ApacheRocketMqCluster cluster = new ApacheRocketMqCluster(workDir);
        try {
            cluster.startNamesrv();
            cluster.startBroker();
            return cluster;
        } catch (IOException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    public String namesrvAddr() {
        return "127.0.0.1:" + namesrvPort;
    }

    public String brokerAddr() {
        return "127.0.0.1:" + brokerPort;
    }

    public int brokerPort() {
        return brokerPort;
    }

    private void startNamesrv() throws IOException {
        Path dir = Files.createDirectories(workDir.resolve("namesrv"));
        namesrvPort = FreePort.pick();
        Path config = writeProperties(dir.resolve("namesrv.properties"), Map.of(
                "listenPort", Integer.toString(namesrvPort),
                "bindAddress", "127.0.0.1",
                "kvConfigPath", dir.resolve("kvConfig.json").toString()));
        Path output = launch(dir, List.of("-Xmx256m"), "org.apache.rocketmq.namesrv.NamesrvStartup", config);
        awaitLine(output, NAMESRV_BOOT_LINE, "Apache name server");
    }

    private void startBroker() throws IOException {
        Path dir = Files.createDirectories(workDir.resolve("broker"));
        Path store = dir.resolve("store");
        brokerPort = FreePort.pick();
        int haPort = FreePort.pick();
        Path config = writeProperties(dir.resolve("broker.properties"), Map.ofEntries(
                Map.entry("brokerClusterName", "TideInteropCluster"),
                Map.entry("brokerName", BROKER_NAME),
                Map.entry("brokerId", "0"),
                Map.entry("listenPort", Integer.toString(brokerPort)),
                Map.entry("haListenPort", Integer.toString(haPort)),
                Map.entry("bindAddress", "127.0.0.1"),
                Map.entry("brokerIP1", "127.0.0.1"),
                Map.entry("brokerIP2", "127.0.0.1"),
                Map.entry("namesrvAddr", namesrvAddr()),
                Map.entry("autoCreateTopicEnable", "true"),
                Map.entry("storePathRootDir", store.toString()),
                Map.entry("storePathCommitLog", store.resolve("commitlog").toString()),
                Map.entry("mappedFileSizeCommitLog", Integer.toString(64 * 1024 * 1024)),
                Map.entry("mappedFileSizeConsumeQueue", Integer.toString(20 * 30_000)),
                // The timer wheel pre-allocates tens of MiB of files; delay levels are not under test here.
                Map.entry("timerWheelEnable", "false")));
        brokerConfig = config;
        launchBroker();
    }

    private void launchBroker() throws IOException {
        Path output = launch(brokerConfig.getParent(), List.of("-Xmx512m", "-XX:MaxDirectMemorySize=256m"),
                "org.apache.rocketmq.broker.BrokerStartup", brokerConfig);
        brokerProcess = processes.get(processes.size() - 1);
        awaitLine(output, BROKER_BOOT_LINE, "Apache broker");
        awaitTemplateTopicRegistered();
    }

    /**
     * Stops the broker cleanly (SIGTERM: its shutdown hook flushes the store and persists consumer offsets), waits for
     * it to exit, and starts it again on the same ports and store.
     */
    public void restartBroker() throws IOException {
        brokerProcess.destroy();
        try {
            if (!brokerProcess.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Apache broker did not stop within 60 s of SIGTERM");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the Apache broker", e);
        }
        processes.remove(brokerProcess);
        launchBroker();
    }

    /** The boot line precedes the broker's first registration; clients need TBW102's route to auto-create topics. */
    private void awaitTemplateTopicRegistered() {
        try (NettyRemotingClient client = new NettyRemotingClient(NettyClientConfig.defaults())) {
            client.start();
            await("broker registration (route of " + TopicNames.AUTO_CREATE_TOPIC_KEY + ") at the name server")
                    .atMost(BOOT_TIMEOUT).pollInterval(Duration.ofMillis(100))
                    .until(() -> client.invokeSync(namesrvAddr(),
                            RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC)
                                    .putField("topic", TopicNames.AUTO_CREATE_TOPIC_KEY), 3000).code()
                            == ResponseCode.SUCCESS);
        }
    }

    private static Path writeProperties(Path file, Map<String, String> properties) throws IOException {
        StringBuilder text = new StringBuilder();
        properties.forEach((key, value) -> text.append(key).append('=')
                .append(value.replace("\\", "/")).append('\n'));
        return Files.writeString(file, text);
    }

    private Path launch(Path dir, List<String> heapOptions, String mainClass, Path config) throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(heapOptions);
        command.add("-XX:+UseSerialGC");
        command.add("-Duser.home=" + home);
        command.add("-Drocketmq.home.dir=" + home);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.add("-c");
        command.add(config.toString());
        Path output = dir.resolve("console.out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("ROCKETMQ_HOME", home.toString());
        processes.add(builder.start());
        return output;
    }

    private void awaitLine(Path output, String line, String what) {
        Process process = processes.get(processes.size() - 1);
        await(what + " to print '" + line + "' in " + output).atMost(BOOT_TIMEOUT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(what + " exited with " + process.exitValue() + ":\n"
                                + tail(output));
                    }
                    return Files.exists(output) && Files.readString(output, StandardCharsets.UTF_8).contains(line);
                });
    }

    private static String tail(Path output) throws IOException {
        String text = Files.readString(output, StandardCharsets.UTF_8);
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }

    /** Kills the broker, then the name server, and waits for both to exit. */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            process.destroyForcibly();
            try {
                process.waitFor(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }
}
