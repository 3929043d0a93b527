package org.tidemq.tools.admin.command.consumer;

import org.junit.jupiter.api.Test;
import org.tidemq.client.MessageQueue;
import org.tidemq.tools.admin.FakeCluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** resetOffsetByTime's -b/-q/-o (one queue on one broker) and -c (C++ clients) options. */
class ResetOffsetOfOneQueueTest {
    private static final String NS = "ns:9876";

    @Test
    void explicitOffsetResetsOnlyThatQueue() {
        List<Object> reset = new ArrayList<>();
        FakeCluster cluster = new FakeCluster().on("resetQueueOffset", args -> {
            reset.addAll(List.of(args));
            return null;
        });
        assertEquals(0, cluster.run("resetOffsetByTime", "-g", "G", "-t", "T", "-s", "now", "-b", "h:1", "-q", "2",
                "-o", "17", "-n", NS));
        assertEquals(List.of("h:1", "G", "T", 2, 17L), reset);
        assertEquals(List.of("start reset consumer offset by specified, group[G], topic[T], queueId[2], broker[h:1], "
                + "timestamp(string)[now], timestamp(long)[" + FakeCluster.CLOCK.millis() + "]",
                "reset consumer offset to 17"), cluster.outLines());
    }

    @Test
    void withoutOffsetTheTimestampIsSearchedOnThatBroker() {
        List<Object> searched = new ArrayList<>();
        FakeCluster cluster = new FakeCluster().on("searchOffset", args -> {
            searched.addAll(List.of(args));
            return 5L;
        }).on("resetQueueOffset", args -> {
            assertEquals(5L, args[4]);
            return null;
        });
        assertEquals(0, cluster.run("resetOffsetByTime", "-g", "G", "-t", "T", "-s", "1000", "-b", "h:1", "-q", "0",
                "-n", NS));
        assertEquals(List.of("h:1", "T", 0, 1000L), searched);
        assertEquals("reset consumer offset to 5", cluster.outLines().get(1));
    }

    @Test
    void brokerWithoutQueueResetsEveryQueueAndCplusIsPassedOn() {
        FakeCluster cluster = new FakeCluster().on("resetOffsetByTime", args -> {
            assertEquals(List.of("G", "T", 1000L, true, true), List.of(args));
            return Map.of(new MessageQueue("T", "b", 0), 3L);
        });
        assertEquals(0, cluster.run("resetOffsetByTime", "-g", "G", "-t", "T", "-s", "1000", "-b", "h:1", "-c", "-n",
                NS));
        assertEquals(String.format(ResetOffsetByTimeCommand.ROW, "b", 0, 3).trim(),
                cluster.outLines().get(2).trim());
    }
}
