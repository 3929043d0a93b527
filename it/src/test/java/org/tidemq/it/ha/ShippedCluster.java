package org.tidemq.it.ha;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.tidemq.it.support.BrokerProcess;
import org.tidemq.it.support.FreePort;
import org.tidemq.it.support.TideMqHome;

/**
 * A copy of a shipped cluster folder ({@code conf/2m-2s-async}, {@code 2m-2s-sync}) run with {@code bin/mqcluster}:
 * every broker moved to free ports (HA port +1), its store into the temp dir, its name server to a free port, and
 * brokerIP1/brokerIP2 to 127.0.0.1. {@link #close()} runs {@code mqcluster stop} and then kills by pid file whatever
 * is still running, so no process outlives the test. Also runs {@code bin/mqadmin} against it.
 */
final class ShippedCluster implements AutoCloseable {
    private static final long SCRIPT_TIMEOUT_SECONDS = 90;
    private static final String JAVA_OPT = "-Xms32m -Xmx192m -XX:+UseSerialGC -XX:MaxDirectMemorySize=192m "
            + "-XX:TieredStopAtLevel=1";

    /** One finished script run. */
    record Result(int exitCode, String output) {
        List<String> lines() {
            return output.lines().toList();
        }
    }

    private final Path workDir;
    private final Path clusterDir;
    private final Path runHome;
    private final String folder;
    private final int namesrvPort;
    private final Map<String, Integer> ports;
    private int runs;

    private ShippedCluster(Path workDir, String folder) throws IOException {
        this.workDir = workDir;
        this.folder = folder;
        this.clusterDir = workDir.resolve(folder);
        this.runHome = workDir.resolve("run");
        this.namesrvPort = FreePort.pick();
        this.ports = copyWithFreePorts(TideMqHome.root().resolve("conf").resolve(folder), clusterDir, namesrvPort);
    }

    /** Copies {@code conf/<folder>} under {@code workDir} and starts it; throws with the script output if it fails. */
    static ShippedCluster start(Path workDir, String folder) throws Exception {
        ShippedCluster cluster = new ShippedCluster(workDir, folder);
        Result started = cluster.mqcluster("start");
        if (started.exitCode() != 0 || started.output().split("boot success", -1).length - 1 != 5) {
            cluster.close();
            throw new AssertionError("mqcluster start failed:\n" + started.output());
        }
        return cluster;
    }

    String namesrvAddr() {
        return "127.0.0.1:" + namesrvPort;
    }

    /** {@code 127.0.0.1:listenPort} of broker {@code name} (file name without .properties, e.g. broker-a-s). */
    String brokerAddr(String name) {
        return "127.0.0.1:" + ports.get(name);
    }

    /** The HA address a master advertises. */
    String haAddr(String masterName) {
        return "127.0.0.1:" + (ports.get(masterName) + 1);
    }

    Result mqcluster(String action) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", TideMqHome.root().resolve("bin").resolve("mqcluster")
                .toString(), action, clusterDir.toString());
        builder.environment().put("TIDEMQ_CLUSTER_HOME", runHome.toString());
        builder.environment().put("JAVA_OPT", JAVA_OPT);
        return run(builder, "mqcluster-" + action);
    }

    Result mqadmin(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", TideMqHome.root().resolve("bin/mqadmin").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("JAVA_OPT");
        builder.environment().remove("NAMESRV_ADDR");
        return run(builder, "mqadmin-" + args[0]);
    }

    private Result run(ProcessBuilder builder, String name) throws Exception {
        Path output = workDir.resolve(name + "-" + (++runs) + ".txt");
        builder.environment().put("TIDEMQ_HOME", TideMqHome.root().toString());
        String buildDir = TideMqHome.buildDir();
        if (buildDir != null) {
            builder.environment().put("TIDEMQ_BUILD_DIR", buildDir);
        } else {
            builder.environment().remove("TIDEMQ_BUILD_DIR");
        }
        builder.redirectErrorStream(true).redirectOutput(output.toFile());
        Process process = builder.start();
        try {
            if (!process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError(name + " did not finish: " + Files.readString(output));
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws Exception {
        try {
            mqcluster("stop");
        } finally {
            killLeftovers();
        }
    }

    private void killLeftovers() throws IOException {
        Path run = runHome.resolve(folder);
        if (!Files.isDirectory(run)) {
            return;
        }
        try (Stream<Path> pids = Files.list(run)) {
            for (Path pid : pids.filter(p -> p.toString().endsWith(".pid")).toList()) {
                ProcessHandle.of(Long.parseLong(Files.readString(pid).trim()))
                        .ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    static Map<String, Integer> copyWithFreePorts(Path source, Path target, int namesrvPort)
            throws IOException {
        Files.createDirectories(target);
        Map<String, Integer> ports = new TreeMap<>();
        Set<Integer> taken = new HashSet<>(Set.of(namesrvPort));
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".properties")).sorted().toList()) {
                String name = file.getFileName().toString().replace(".properties", "");
                int port = distinctPort(taken);
                ports.put(name, port);
                List<String> lines = new ArrayList<>();
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith("listenPort=")) {
                        line = "listenPort=" + port + "\nhaListenPort=" + (port + 1);
                    } else if (line.startsWith("storePathRootDir=")) {
                        line = "storePathRootDir=" + target.resolve("store-" + name).toString().replace('\\', '/');
                    } else if (line.startsWith("namesrvAddr=")) {
                        line = "namesrvAddr=127.0.0.1:" + namesrvPort;
                    }
                    lines.add(line);
                }
                lines.add("brokerIP1=127.0.0.1");
                lines.add("brokerIP2=127.0.0.1");
                lines.add("mappedFileSizeCommitLog=" + 16 * 1024 * 1024);
                lines.add("mappedFileSizeConsumeQueue=60000");
                Files.write(target.resolve(file.getFileName()), lines);
            }
        }
        return ports;
    }

    private static int distinctPort(Set<Integer> taken) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = BrokerProcess.pickPortWithFreeNeighbours();
            if (!taken.contains(port - 2) && !taken.contains(port) && !taken.contains(port + 1)) {
                taken.addAll(List.of(port - 2, port, port + 1));
                return port;
            }
        }
        throw new IllegalStateException("no distinct free ports");
    }
}
