package org.tidemq.store.crash;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.store.DefaultMessageStore;
import org.tidemq.store.PutMessageResult;
import org.tidemq.store.PutMessageStatus;
import org.tidemq.store.config.FlushDiskType;
import org.tidemq.store.config.StoreConfig;
import org.tidemq.store.consumequeue.ConsumeQueueEntry;
import org.tidemq.store.mappedfile.SegmentNames;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.message.StoredMessageLayout;

/**
 * Negative controls for {@link StoreVerifier}'s consistency checks: damage planted in an opened store's files (after
 * its recovery ran; the mapped pages see writes through the file at once) must be reported.
 */
class StoreVerifierTest {

    private static final int MESSAGES = 16;

    @TempDir
    Path dir;

    private StoreConfig config;
    private final List<Ack> acks = new ArrayList<>();

    @BeforeEach
    void writeCleanStore() throws IOException {
        config = CrashStores.config(dir.resolve("store"), FlushDiskType.SYNC_FLUSH);
        try (DefaultMessageStore store = open()) {
            for (long id = 0; id < MESSAGES; id++) {
                ByteBuffer body = CrashMessages.body(id);
                int crc = CrashMessages.crc(body);
                PutMessageResult result = store.putMessage(CrashMessages.message(id, body));
                assertEquals(PutMessageStatus.PUT_OK, result.durability().join());
                acks.add(new Ack(id, CrashMessages.topic(id), CrashMessages.queueId(id),
                        result.append().queueOffset(), result.append().wroteOffset(), result.append().wroteBytes(),
                        crc, MessageProperties.tagsCode(CrashMessages.tags(id))));
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> store.getDispatchedPhyOffset() == store.getMaxPhyOffset());
        }
    }

    private DefaultMessageStore open() throws IOException {
        return DefaultMessageStore.open(config, Clock.systemUTC(), CrashStores.EMPTY_DISK, flushed -> {
        });
    }

    private StoreVerifier.Report verify(Set<Long> lost) throws IOException {
        return damageThenVerify(null, 0, lost);
    }

    /** Opens the store, flips one byte of {@code file} (if given), and verifies. */
    private StoreVerifier.Report damageThenVerify(Path file, long position, Set<Long> lost) throws IOException {
        try (DefaultMessageStore store = open()) {
            if (file != null) {
                flipByte(file, position);
            }
            return StoreVerifier.verify(store, acks, lost);
        }
    }

    @Test
    void anUndamagedStorePasses() throws IOException {
        Set<Long> lost = new HashSet<>();
        StoreVerifier.Report report = verify(lost);
        assertTrue(report.consistent(), report.problems().toString());
        assertEquals(Set.of(), lost);
        assertEquals(MESSAGES, report.commitLogRecords());
        assertEquals(MESSAGES, report.consumeQueueEntries());
    }

    @Test
    void aFlippedBodyByteIsReportedAsACorruptRecordServed() throws IOException {
        Ack victim = acks.get(5);
        Path segment = config.storePathCommitLog().resolve(SegmentNames.name(0));

        StoreVerifier.Report report = damageThenVerify(segment, victim.phyOffset() + StoredMessageLayout.body(0) + 3,
                new HashSet<>());
        assertTrue(report.problems().stream().anyMatch(p -> p.contains("CommitLog at " + victim.phyOffset())
                && p.contains("body CRC mismatch")), report.problems().toString());
        assertTrue(report.problems().stream().anyMatch(p -> p.contains("acknowledged " + victim)
                && p.contains("torn or corrupt record served")), report.problems().toString());
    }

    @Test
    void aConsumeQueueEntryWithTheWrongTagHashIsReported() throws IOException {
        Ack victim = acks.get(0);
        Path queueFile = config.consumeQueueRootDir().resolve(victim.topic())
                .resolve(Integer.toString(victim.queueId())).resolve(SegmentNames.name(0));

        StoreVerifier.Report report = damageThenVerify(queueFile,
                ConsumeQueueEntry.byteOffset(victim.queueOffset()) + ConsumeQueueEntry.TAGS_CODE + 7, new HashSet<>());
        assertEquals(1, report.problemCount(), report.problems().toString());
        assertTrue(report.problems().get(0).contains("has tagsCode"), report.problems().toString());
    }

    @Test
    void aMessageOverwrittenByAnotherIsCountedLost() throws IOException {
        Ack real = acks.get(3);
        Ack claimed = new Ack(999, real.topic(), real.queueId(), real.queueOffset(), real.phyOffset(), real.size(),
                real.bodyCrc(), real.tagsCode());
        acks.add(claimed);
        Set<Long> lost = new HashSet<>();
        StoreVerifier.Report report = verify(lost);
        assertTrue(report.consistent(), report.problems().toString());
        assertEquals(Set.of(999L), lost);
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, position);
            one.put(0, (byte) ~one.get(0)).rewind();
            channel.write(one, position);
        }
    }
}
