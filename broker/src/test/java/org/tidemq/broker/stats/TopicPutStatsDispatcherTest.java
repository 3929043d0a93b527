package org.tidemq.broker.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tidemq.store.dispatch.DispatchRequest;

class TopicPutStatsDispatcherTest {
    private static DispatchRequest record(String topic, long offset, int size) {
        return new DispatchRequest(topic, 0, offset, size, 0, 0, 0, null, null, 0, 0);
    }

    @Test
    void countsEachStoredRecordOnceEvenWhenRecoveryReplaysIt() {
        BrokerStatsTable table = new BrokerStatsTable();
        TopicPutStatsDispatcher dispatcher = new TopicPutStatsDispatcher(table);
        dispatcher.dispatch(record("A", 0, 120));
        dispatcher.dispatch(record("A", 120, 130));
        dispatcher.dispatch(record("B", 250, 90));
        dispatcher.dispatch(record("A", 120, 130));
        new StatsSamplingService(table, () -> 50_000).tick();

        assertEquals(2, table.find(StatsName.TOPIC_PUT_NUMS, "A").orElseThrow().lastMinute().sum());
        assertEquals(250, table.find(StatsName.TOPIC_PUT_SIZE, "A").orElseThrow().lastMinute().sum());
        assertEquals(90, table.find(StatsName.TOPIC_PUT_SIZE, "B").orElseThrow().lastDay().sum());
    }
}
