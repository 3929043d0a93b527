package org.tidemq.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Runs a main class in a child JVM with this test JVM's classpath (for tools such as RocketMQ's MQAdminStartup that
 * print to stdout and may call System.exit), and returns its output once it exits. A child that does not exit in
 * time is killed.
 */
public final class JavaProcess {
    private JavaProcess() {
    }

    /** The child's stdout+stderr and exit code. */
    public record Result(int exitCode, String output) {
    }

    public static Result run(Path workDir, Duration timeout, List<String> jvmOptions, String mainClass, String... args)
            throws IOException {
        Files.createDirectories(workDir);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx128m");
        command.add("-XX:+UseSerialGC");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        Path output = Files.createTempFile(workDir, "child-", ".out");
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        try {
            await(mainClass + " to exit").atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> !process.isAlive());
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
                try {
                    process.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
