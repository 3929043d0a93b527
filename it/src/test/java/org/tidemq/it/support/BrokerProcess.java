package org.tidemq.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A broker started the way an operator starts it: {@code sh bin/mqbroker -c broker.properties}, as a child process on
 * free 127.0.0.1 ports (client port, VIP port below it, HA port above it) with its store and logs in a test's temp
 * dir and a small JVM. {@link #close()} stops it (SIGTERM, then SIGKILL).
 */
public final class BrokerProcess implements AutoCloseable {
    public static final String BOOT_LINE = "boot success.";
    /** Small heap and direct memory: test brokers store a few messages. */
    static final String TEST_JAVA_OPT = "-Xms64m -Xmx256m -XX:+UseSerialGC -XX:MaxDirectMemorySize=256m "
            + "-XX:-OmitStackTraceInFastThrow";

    private final ServerScript script;
    private final int port;
    private final Path workDir;
    private final Path config;
    private final String namesrvAddr;

    private BrokerProcess(ServerScript script, int port, Path workDir, Path config, String namesrvAddr) {
        this.script = script;
        this.port = port;
        this.workDir = workDir;
        this.config = config;
        this.namesrvAddr = namesrvAddr;
    }

    /** Starts broker {@code brokerName} registering with {@code namesrvAddr}; waits (up to 30 s) for its boot line. */
    public static BrokerProcess start(Path workDir, String brokerName, String namesrvAddr,
                                      Map<String, String> extraProperties) throws IOException {
        Files.createDirectories(workDir);
        int port = pickPortWithFreeNeighbours();
        StringBuilder properties = new StringBuilder()
                .append("brokerClusterName=TideCluster\n")
                .append("brokerName=").append(brokerName).append('\n')
                .append("listenPort=").append(port).append('\n')
                .append("haListenPort=").append(port + 1).append('\n')
                .append("brokerIP1=127.0.0.1\n")
                .append("brokerIP2=127.0.0.1\n")
                .append("storePathRootDir=").append(path(workDir.resolve("store"))).append('\n')
                .append("mappedFileSizeCommitLog=").append(16 * 1024 * 1024).append('\n')
                .append("mappedFileSizeConsumeQueue=").append(60_000).append('\n');
        extraProperties.forEach((key, value) -> properties.append(key).append('=').append(value).append('\n'));
        Path config = workDir.resolve("broker.properties");
        Files.writeString(config, properties);

        return launch(workDir, config, port, namesrvAddr);
    }

    private static BrokerProcess launch(Path workDir, Path config, int port, String namesrvAddr) throws IOException {
        ServerScript script = ServerScript.launch("mqbroker", List.of("-c", config.toString(), "-n", namesrvAddr),
                workDir, TEST_JAVA_OPT);
        script.awaitLine(BOOT_LINE, "broker boot line");
        return new BrokerProcess(script, port, workDir, config, namesrvAddr);
    }

    /**
     * Starts this (stopped) broker again with the same broker.properties: same ports, store dir and name servers.
     * Throws if it is still running.
     */
    public BrokerProcess startAgain() throws IOException {
        if (script.isAlive()) {
            throw new IllegalStateException("broker on port " + port + " is still running; stop it first");
        }
        return launch(workDir, config, port, namesrvAddr);
    }

    /** A free port whose VIP neighbour (port − 2) and HA neighbour (port + 1) are free too. */
    public static int pickPortWithFreeNeighbours() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = FreePort.pick();
            if (port > 1026 && port < 65_535 && isFree(port - 2) && isFree(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port with free neighbours on 127.0.0.1");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String path(Path path) {
        return path.toString().replace("\\", "/");
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:port}: the address it registers and writes into message ids. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public Path workDir() {
        return workDir;
    }

    public boolean isAlive() {
        return script.isAlive();
    }

    public String stdout() throws IOException {
        return script.stdout();
    }

    public String stderr() throws IOException {
        return script.stderr();
    }

    /** The broker's log file (logback, under the temp log dir). */
    public String log() {
        Path log = workDir.resolve("logs").resolve("broker.log");
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The broker JVM's process id (for SIGSTOP/SIGCONT in fault tests). */
    public long pid() {
        return script.pid();
    }

    /** kill -9: no shutdown hook runs, nothing is flushed or unregistered; returns once the process is gone. */
    public void kill() throws InterruptedException {
        script.kill();
    }

    /** SIGTERM (clean shutdown), waiting up to {@code timeout}; then SIGKILL. Returns the exit code, or -1. */
    public int stop(Duration timeout) {
        return script.stop(timeout);
    }

    @Override
    public void close() {
        script.close();
    }
}
