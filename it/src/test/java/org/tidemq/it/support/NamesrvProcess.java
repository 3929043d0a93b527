package org.tidemq.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A name server started the way an operator starts it: {@code sh bin/mqnamesrv -c namesrv.properties}, as a child
 * process on a free 127.0.0.1 port with its KV file and logs in a test's temp dir. {@link #close()} kills it.
 */
public final class NamesrvProcess implements AutoCloseable {
    public static final String BOOT_LINE = "The Name Server boot success.";

    private final Process process;
    private final int port;
    private final Path workDir;
    private final Path stdout;
    private final Path stderr;

    private NamesrvProcess(Process process, int port, Path workDir, Path stdout, Path stderr) {
        this.process = process;
        this.port = port;
        this.workDir = workDir;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts a name server with files under {@code workDir} and waits (up to 30 s) for its boot line. */
    public static NamesrvProcess start(Path workDir) throws IOException {
        return start(workDir, Map.of());
    }

    /** As {@link #start(Path)} with extra namesrv.properties entries. */
    public static NamesrvProcess start(Path workDir, Map<String, String> extraProperties) throws IOException {
        Files.createDirectories(workDir);
        int port = FreePort.pick();
        StringBuilder properties = new StringBuilder()
                .append("listenPort=").append(port).append('\n')
                .append("bindAddress=127.0.0.1\n")
                .append("kvConfigPath=").append(workDir.resolve("kvConfig.json").toString().replace("\\", "/")).append('\n');
        extraProperties.forEach((key, value) -> properties.append(key).append('=').append(value).append('\n'));
        Path config = workDir.resolve("namesrv.properties");
        Files.writeString(config, properties);

        Path home = TideMqHome.root();
        ProcessBuilder builder = new ProcessBuilder("sh", home.resolve("bin/mqnamesrv").toString(), "-c", config.toString());
        builder.directory(workDir.toFile());
        builder.environment().put("TIDEMQ_HOME", home.toString());
        builder.environment().put("TIDEMQ_LOG_DIR", workDir.resolve("logs").toString());
        builder.environment().remove("JAVA_OPT");
        String buildDir = TideMqHome.buildDir();
        if (buildDir != null) {
            builder.environment().put("TIDEMQ_BUILD_DIR", buildDir);
        } else {
            builder.environment().remove("TIDEMQ_BUILD_DIR");
        }
        Path stdout = workDir.resolve("stdout.txt");
        Path stderr = workDir.resolve("stderr.txt");
        builder.redirectOutput(stdout.toFile());
        builder.redirectError(stderr.toFile());
        NamesrvProcess namesrv = new NamesrvProcess(builder.start(), port, workDir, stdout, stderr);
        try {
            await("name server boot line in " + stdout).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        if (!namesrv.process.isAlive()) {
                            throw new IllegalStateException("mqnamesrv exited with " + namesrv.process.exitValue()
                                    + "; stderr: " + namesrv.stderr());
                        }
                        return namesrv.stdout().contains(BOOT_LINE);
                    });
        } catch (RuntimeException e) {
            namesrv.close();
            throw e;
        }
        return namesrv;
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:port}, as clients take it. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public Path workDir() {
        return workDir;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String stdout() throws IOException {
        return Files.exists(stdout) ? Files.readString(stdout, StandardCharsets.UTF_8) : "";
    }

    public String stderr() throws IOException {
        return Files.exists(stderr) ? Files.readString(stderr, StandardCharsets.UTF_8) : "";
    }

    /** SIGTERM, then SIGKILL if it has not exited within 10 s; also any process it left behind. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
