package org.tidemq.it.tools;

import org.tidemq.it.support.TideMqHome;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bin/mqadmin} as an operator does: a child process with the checkout as TIDEMQ_HOME, this build's
 * output dir, and a private temp dir (message bodies are written there).
 */
final class MqadminScript {
    private static final long TIMEOUT_SECONDS = 60;

    /** One finished invocation; {@code workDir} was its working directory. */
    record Result(int exitCode, String stdout, String stderr, Path workDir) {
        List<String> lines() {
            return stdout.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private final Path workDir;
    private int runs;

    MqadminScript(Path workDir) {
        this.workDir = workDir;
    }

    Result run(String... args) {
        try {
            Path runDir = Files.createDirectories(workDir.resolve("run-" + (++runs)));
            Path tmp = Files.createDirectories(runDir.resolve("tmp"));
            Path home = TideMqHome.root();
            List<String> command = new ArrayList<>(List.of("sh", home.resolve("bin/mqadmin").toString()));
            command.addAll(Arrays.asList(args));
            ProcessBuilder builder = new ProcessBuilder(command).directory(runDir.toFile());
            builder.environment().put("TIDEMQ_HOME", home.toString());
            builder.environment().remove("JAVA_OPT");
            builder.environment().remove("NAMESRV_ADDR");
            builder.environment().put("JAVA_OPT_EXT", "-Djava.io.tmpdir=" + tmp);
            String buildDir = TideMqHome.buildDir();
            if (buildDir != null) {
                builder.environment().put("TIDEMQ_BUILD_DIR", buildDir);
            } else {
                builder.environment().remove("TIDEMQ_BUILD_DIR");
            }
            Path stdout = runDir.resolve("stdout.txt");
            Path stderr = runDir.resolve("stderr.txt");
            builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            Process process = builder.start();
            try {
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    throw new AssertionError("mqadmin " + String.join(" ", args) + " ran longer than "
                            + TIMEOUT_SECONDS + " s");
                }
            } finally {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8), runDir);
        } catch (IOException e) {
            throw new AssertionError("cannot run bin/mqadmin", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running bin/mqadmin", e);
        }
    }
}
