package org.tidemq.broker.timer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.TestBrokers;
import org.tidemq.store.DefaultMessageStore;
import org.tidemq.store.PutMessageResult;
import org.tidemq.store.mappedfile.MappedBufferSlice;
import org.tidemq.store.message.MessageToStore;

/** Grouped appends of due timers on a real store. */
class FiringBatchTest {
    private static final InetSocketAddress HOST = new InetSocketAddress(InetAddress.getLoopbackAddress(), 10911);

    @TempDir
    Path dir;
    private DefaultMessageStore store;
    private final List<MappedBufferSlice> records = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        store = DefaultMessageStore.open(TestBrokers.config(dir, Map.of()).store());
    }

    @AfterEach
    void close() {
        store.shutdown();
    }

    private static MessageToStore message(String topic, int queueId, String body) {
        return new MessageToStore(topic, queueId, 0, 0, 1L, HOST, HOST, 0, 0, "UNIQ_KEY\u0001" + body + "\u0002",
                ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), false);
    }

    /** A record slice to hand over (any stored record: the batch only holds and releases it). */
    private MappedBufferSlice record() {
        PutMessageResult put = store.putMessage(message("Holder", 0, "h"));
        MappedBufferSlice[] slice = new MappedBufferSlice[1];
        await().until(() -> (slice[0] = store.selectOneMessageByOffset(put.append().wroteOffset())) != null);
        records.add(slice[0]);
        return slice[0];
    }

    private void add(FiringBatch batch, long queueOffset, MessageToStore message, boolean delivery) {
        batch.add(new PendingTimers.Timer(1_000 + queueOffset, queueOffset, 1), message, record(), delivery);
    }

    private static List<Long> offsets(List<FiringBatch.Entry> entries) {
        return entries.stream().map(e -> e.timer().queueOffset()).toList();
    }

    @Test
    void timersAreAppendedOneGroupPerDestinationInTheOrderAdded() {
        FiringBatch batch = new FiringBatch();
        MappedBufferSlice probe = record();
        int holdsBefore = probe.segment().referenceCount() - 1;
        probe.release();
        records.clear();
        add(batch, 10, message("A", 0, "a1"), true);
        add(batch, 11, message("B", 1, "b1"), true);
        add(batch, 12, message("A", 0, "a2"), true);
        add(batch, 13, message("rmq_sys_wheel_timer", 0, "roll"), false);
        assertTrue(batch.holds(12));
        assertFalse(batch.holds(14));

        FiringBatch.Flushed flushed = batch.flush(store);
        assertEquals(List.of(10L, 12L, 11L, 13L), offsets(flushed.appended()));
        assertEquals(List.of(), flushed.refused());
        assertEquals(3, flushed.deliveries(), "the roll is not a delivery");
        await().until(() -> store.getMaxOffsetInQueue("A", 0) == 2 && store.getMaxOffsetInQueue("B", 1) == 1
                && store.getMaxOffsetInQueue("rmq_sys_wheel_timer", 0) == 1);
        assertTrue(batch.isEmpty());
        assertFalse(batch.holds(12));
        assertEquals(holdsBefore, records.get(0).segment().referenceCount(), "every held record released");
    }

    @Test
    void aRefusedAppendReturnsItAndEverythingAfterItAsRefused() {
        FiringBatch batch = new FiringBatch();
        add(batch, 1, message("A", 0, "a1"), true);
        add(batch, 2, message("bad topic!", 0, "x1"), true);
        add(batch, 3, message("bad topic!", 0, "x2"), true);
        add(batch, 4, message("C", 0, "c1"), true);

        FiringBatch.Flushed flushed = batch.flush(store);
        assertEquals(List.of(1L), offsets(flushed.appended()));
        assertEquals(List.of(2L, 3L, 4L), offsets(flushed.refused()));
        await().until(() -> store.getMaxOffsetInQueue("A", 0) == 1);
        await().until(() -> store.getDispatchedPhyOffset() >= store.getMaxPhyOffset());
        assertEquals(0, store.getMaxOffsetInQueue("C", 0), "nothing after the refused one is attempted");
        assertTrue(batch.isEmpty());
    }
}
