package org.tidemq.bench.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.tidemq.store.DefaultMessageStore;
import org.tidemq.store.config.FlushDiskType;
import org.tidemq.store.config.StoreConfig;
import org.tidemq.store.message.MessageToStore;

/** What the store benchmark mains share: arguments, the store under test, messages, and the result line format. */
final class StoreBenchSupport {

    static final String TOPIC = "BenchTopic";
    static final int QUEUES = 8;
    private static final InetSocketAddress HOST = new InetSocketAddress("127.0.0.1", 10911);

    private StoreBenchSupport() {
    }

    /** {@code --name=value} arguments. */
    static Map<String, String> parseArgs(String[] args) {
        Map<String, String> parsed = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            int eq = arg.indexOf('=');
            parsed.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return parsed;
    }

    static Path requiredDir(Map<String, String> args) {
        String dir = args.get("dir");
        if (dir == null) {
            throw new IllegalArgumentException("--dir=<empty directory on the disk under test> is required");
        }
        return Path.of(dir);
    }

    static int intArg(Map<String, String> args, String name, int fallback) {
        return args.containsKey(name) ? Integer.parseInt(args.get(name)) : fallback;
    }

    static long longArg(Map<String, String> args, String name, long fallback) {
        return args.containsKey(name) ? Long.parseLong(args.get(name)) : fallback;
    }

    /** A store with RocketMQ's defaults (1 GiB segments, key index on) except the flush type. */
    static DefaultMessageStore open(Path root, FlushDiskType flushDiskType) throws IOException {
        return open(root, flushDiskType, false);
    }

    /** @param warm pre-touch every page of the next CommitLog segment ahead of the writer ({@code warmMapedFileEnable}) */
    static DefaultMessageStore open(Path root, FlushDiskType flushDiskType, boolean warm) throws IOException {
        return DefaultMessageStore.open(StoreConfig.builder(root).flushDiskType(flushDiskType)
                .warmMappedFileEnable(warm).build());
    }

    /**
     * Messages as the broker hands them over: the body in a direct buffer (the same bytes every time; the store
     * never changes a body's position) and a properties string with a fresh UNIQ_KEY, so the key index does real
     * work. One per writer thread.
     */
    static final class MessageSource {
        private final ByteBuffer body;
        private final String keyPrefix;
        private final boolean waitStoreMsgOk;
        private final int queues;
        private long sequence;

        MessageSource(int bodyBytes, int writer, boolean waitStoreMsgOk) {
            this(bodyBytes, writer, waitStoreMsgOk, QUEUES);
        }

        /** @param queues messages go round-robin to queues 0..queues-1 */
        MessageSource(int bodyBytes, int writer, boolean waitStoreMsgOk, int queues) {
            body = ByteBuffer.allocateDirect(bodyBytes);
            for (int i = 0; i < bodyBytes; i++) {
                body.put(i, (byte) ('a' + (i + writer) % 26));
            }
            keyPrefix = String.format(Locale.ROOT, "7F000001%04X", writer);
            this.waitStoreMsgOk = waitStoreMsgOk;
            this.queues = queues;
        }

        MessageToStore next() {
            long n = sequence++;
            String properties = "UNIQ_KEY\u0001" + keyPrefix + Long.toHexString(n) + "\u0002WAIT\u0001"
                    + waitStoreMsgOk + "\u0002";
            return new MessageToStore(TOPIC, (int) (n % queues), 0, 0, System.currentTimeMillis(), HOST, HOST, 0, 0,
                    properties, body.duplicate(), waitStoreMsgOk);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The line {@code bench/store-bench.sh} collects: {@code RESULT|name|value|unit|target|MET or MISSED}. */
    static void result(String name, double value, String unit, String target, boolean met) {
        System.out.printf(Locale.ROOT, "RESULT|%s|%.1f|%s|%s|%s%n", name, value, unit, target, met ? "MET" : "MISSED");
    }

    /** CPU time used by this process so far, ns (all threads: writers and the store's own), or -1 if unknown. */
    static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean withCpuTime ? withCpuTime.getProcessCpuTime() : -1;
    }

    /** "x.y CPU cores busy, z µs of CPU per message" over a window, for explaining a figure. */
    static String cpuUse(long cpuNanos, double elapsedSeconds, long messages) {
        if (cpuNanos < 0) {
            return "CPU time unknown";
        }
        return String.format(Locale.ROOT, "%.2f of %d CPU cores busy in this process, %.2f µs of CPU per message",
                cpuNanos / 1e9 / elapsedSeconds, Runtime.getRuntime().availableProcessors(),
                cpuNanos / 1e3 / Math.max(1, messages));
    }

    static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, format + "%n", args);
    }
}
