package org.tidemq.broker.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.rocketmq.remoting.protocol.RemotingSerializable;
import org.apache.rocketmq.remoting.protocol.body.BrokerStatsData;
import org.junit.jupiter.api.Test;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

/** VIEW_BROKER_STATS_DATA answers, decoded with the official BrokerStatsData. */
class BrokerStatsProcessorTest {
    private final BrokerStatsTable table = new BrokerStatsTable();
    private final BrokerStatsProcessor processor = new BrokerStatsProcessor(table);

    private RemotingCommand view(String name, String key) {
        return processor.processNow(null, RemotingCommand.request(RequestCode.VIEW_BROKER_STATS_DATA)
                .putField("brokerName", "broker-a").putField("statsName", name).putField("statsKey", key));
    }

    @Test
    void answersTheThreeWindowsAsTheOfficialBrokerStatsData() {
        long[] now = {3_600_000L};
        StatsSamplingService sampler = new StatsSamplingService(table, () -> now[0]);
        for (int i = 0; i < 5; i++) {
            table.recordGet("G", "T", 3, 300);
        }
        sampler.tick();

        RemotingCommand response = view("GROUP_GET_NUMS", "T@G");

        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
        assertTrue(response.bodyText().startsWith("{\"statsDay\":{\"avgpt\":"), response.bodyText());
        BrokerStatsData data = RemotingSerializable.decode(response.bodyBytes(), BrokerStatsData.class);
        assertEquals(15, data.getStatsMinute().getSum());
        assertEquals(1.5, data.getStatsMinute().getTps(), 1e-9);
        assertEquals(3.0, data.getStatsMinute().getAvgpt(), 1e-9);
        assertEquals(15, data.getStatsHour().getSum());
        assertEquals(15, data.getStatsDay().getSum());
        assertEquals(15.0 / 3600, data.getStatsDay().getTps(), 1e-9);
    }

    @Test
    void somethingNeverRecordedIsSystemErrorNamingIt() {
        table.recordPut("T", 10);

        RemotingCommand unknownKey = view("TOPIC_PUT_NUMS", "Other");
        assertEquals(ResponseCode.SYSTEM_ERROR, unknownKey.code());
        assertEquals("The stats <TOPIC_PUT_NUMS> <Other> not exist", unknownKey.remark());
        assertEquals(ResponseCode.SYSTEM_ERROR, view("NO_SUCH_STATS", "T").code());

        RemotingCommand missing = processor.processNow(null,
                RemotingCommand.request(RequestCode.VIEW_BROKER_STATS_DATA).putField("statsName", "TOPIC_PUT_NUMS"));
        assertEquals(ResponseCode.SYSTEM_ERROR, missing.code());
        assertTrue(missing.remark().contains("statsKey"), missing.remark());
    }
}
