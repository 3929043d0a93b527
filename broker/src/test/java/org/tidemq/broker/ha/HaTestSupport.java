package org.tidemq.broker.ha;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.tidemq.broker.TestBrokers;
import org.tidemq.broker.config.BrokerConfig;
import org.tidemq.store.DefaultMessageStore;
import org.tidemq.store.MessageStore;
import org.tidemq.store.PutMessageResult;
import org.tidemq.store.mappedfile.MappedBufferSlice;
import org.tidemq.store.message.MessageToStore;

/** Stores, configs and raw CommitLog access for replication tests. */
final class HaTestSupport {
    /** Small segments so a few hundred messages span several of them (fillers included). */
    static final int SEGMENT_BYTES = 64 * 1024;
    private static final InetSocketAddress HOST = new InetSocketAddress("127.0.0.1", 10911);

    private HaTestSupport() {
    }

    static BrokerConfig brokerConfig(Path dir) {
        return TestBrokers.config(dir, Map.of("mappedFileSizeCommitLog", Integer.toString(SEGMENT_BYTES),
                "maxHashSlotNum", "1024", "maxIndexNum", "4096"));
    }

    static DefaultMessageStore openStore(Path dir) throws IOException {
        return DefaultMessageStore.open(brokerConfig(dir).store());
    }

    /**
     * HA settings on 127.0.0.1, ephemeral port, small transfer batches so records split across frames. For tests of
     * the stream's mechanics, whose raw clients cannot identify themselves: every connection is trusted
     * ({@code haAcceptUnidentifiedSlaves}); {@link #strictHaConfig} is the default, identity-checking setting.
     */
    static HaConfig haConfig(Path dir) {
        return strictHaConfig(dir).withAcceptUnidentifiedSlaves(true);
    }

    /** As {@link #haConfig} but with the broker's default trust: only identified slaves are streamed to. */
    static HaConfig strictHaConfig(Path dir) {
        return HaConfig.from(brokerConfig(dir)).withListenPort(0).withTransferBatchSizeBytes(4096);
    }

    /**
     * A free client port whose VIP neighbour (port - 2) and HA neighbour (port + 1) are free too, so a broker can run
     * with RocketMQ's port convention (a slave with only {@code haMasterAddress} derives the master's client port).
     */
    static int portWithFreeNeighbours() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
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

    static MessageToStore message(String topic, int queueId, String body, boolean wait) {
        return new MessageToStore(topic, queueId, 0, 0, 1L, HOST, HOST, 0, 0, "",
                ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), wait);
    }

    static PutMessageResult put(MessageStore store, String topic, int queueId, String body) {
        PutMessageResult result = store.putMessage(message(topic, queueId, body, true));
        if (!result.isAppended()) {
            throw new AssertionError("append failed: " + result.status() + " " + result.reason());
        }
        return result;
    }

    /** Appends {@code count} messages round-robin over 4 queues of {@code topic}, bodies "prefix-i-padding". */
    static void putMany(MessageStore store, String topic, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            put(store, topic, i % 4, prefix + "-" + i + "-" + "x".repeat(300 + i % 200));
        }
    }

    /** Copies raw CommitLog bytes [from, to) to the heap (tests only). */
    static byte[] commitLogBytes(MessageStore store, long from, long to) {
        byte[] out = new byte[Math.toIntExact(to - from)];
        long offset = from;
        while (offset < to) {
            try (MappedBufferSlice slice = store.getCommitLogData(offset)) {
                if (slice == null) {
                    throw new AssertionError("no CommitLog data at " + offset);
                }
                int n = (int) Math.min(slice.size(), to - offset);
                slice.buffer().duplicate().get(out, (int) (offset - from), n);
                offset += n;
            }
        }
        return out;
    }

    static String address(int port) {
        return "127.0.0.1:" + port;
    }
}
