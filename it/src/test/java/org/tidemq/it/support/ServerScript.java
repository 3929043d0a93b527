package org.tidemq.it.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One of TideMQ's {@code bin/} server scripts run as a child process the way an operator runs it: working directory,
 * logs ({@code TIDEMQ_LOG_DIR}) and stdout/stderr files in a test's temp dir, the build output the test run uses
 * ({@code TIDEMQ_BUILD_DIR}), and either the script's own JVM options or the given ones.
 */
final class ServerScript {
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ServerScript(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Starts {@code bin/<script> args...} in {@code workDir}.
     *
     * @param javaOpt JVM options (the script's {@code JAVA_OPT}); {@code null} keeps the script's defaults
     */
    static ServerScript launch(String script, List<String> args, Path workDir, String javaOpt) throws IOException {
        Path home = TideMqHome.root();
        List<String> command = new ArrayList<>(List.of("sh", home.resolve("bin").resolve(script).toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.directory(workDir.toFile());
        builder.environment().put("TIDEMQ_HOME", home.toString());
        builder.environment().put("TIDEMQ_LOG_DIR", workDir.resolve("logs").toString());
        if (javaOpt == null) {
            builder.environment().remove("JAVA_OPT");
        } else {
            builder.environment().put("JAVA_OPT", javaOpt);
        }
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
        return new ServerScript(builder.start(), stdout, stderr);
    }

    /** Waits up to 30 s for {@code line} on stdout; if the process exits first or time runs out, kills it and throws. */
    void awaitLine(String line, String what) {
        try {
            await(what + " in " + stdout).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(what + ": process exited with " + process.exitValue()
                                    + "; stderr: " + stderr());
                        }
                        return stdout().contains(line);
                    });
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    String stdout() throws IOException {
        return Files.exists(stdout) ? Files.readString(stdout, StandardCharsets.UTF_8) : "";
    }

    /** SIGKILL, waiting until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    String stderr() throws IOException {
        return Files.exists(stderr) ? Files.readString(stderr, StandardCharsets.UTF_8) : "";
    }

    /** SIGTERM, waiting up to {@code timeout}; then SIGKILL. Returns the exit code, or -1 if it had to be killed. */
    int stop(Duration timeout) {
        process.destroy();
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        return -1;
    }

    /** Stops it (SIGTERM, then SIGKILL after 10 s), and any process it left behind. */
    void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        stop(Duration.ofSeconds(10));
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
