package org.tidemq.broker.admin;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.remoting.protocol.DataVersion;
import org.apache.rocketmq.remoting.protocol.RemotingSerializable;
import org.apache.rocketmq.remoting.protocol.body.KVTable;
import org.junit.jupiter.api.Test;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

/** GET_BROKER_RUNTIME_INFO and GET_BROKER_CONFIG against a real broker, decoded with the official classes. */
class BrokerRuntimeInfoProcessorTest extends RunningBrokerTest {

    @Override
    Map<String, String> brokerProperties() {
        return Map.of("sendThreadPoolQueueCapacity", "1234");
    }


    private Map<String, String> runtimeInfo() throws Exception {
        RemotingCommand response = client.call(RemotingCommand.request(RequestCode.GET_BROKER_RUNTIME_INFO));
        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
        return RemotingSerializable.decode(response.bodyBytes(), KVTable.class).getTable();
    }

    @Test
    void emptyBrokerReportsEveryKeyClusterListParses() throws Exception {
        Map<String, String> table = runtimeInfo();

        for (String key : List.of("msgPutTotalYesterdayMorning", "msgPutTotalTodayMorning", "msgPutTotalTodayNow",
                "msgGetTotalYesterdayMorning", "msgGetTotalTodayMorning", "msgGetTotalTodayNow",
                "earliestMessageTimeStamp", "commitLogMinOffset", "commitLogMaxOffset", "pageCacheLockTimeMills",
                "sendThreadPoolQueueSize", "pullThreadPoolQueueSize", "pullThreadPoolQueueCapacity")) {
            Long.parseLong(table.get(key));
        }
        assertEquals("0", table.get("msgPutTotalTodayNow"));
        assertEquals("-1", table.get("earliestMessageTimeStamp"));
        assertEquals("1234", table.get("sendThreadPoolQueueCapacity"));
        assertEquals("453", table.get("brokerVersion"));
        assertEquals("V5_2_0", table.get("brokerVersionDesc"));
        assertEquals("true", table.get("brokerActive"));
        assertEquals("0.00 0.00 0.00", table.get("putTps"));
        assertEquals(0.0, Double.parseDouble(table.get("getTransferredTps").split(" ")[0]));
        double diskRatio = Double.parseDouble(table.get("commitLogDiskRatio"));
        assertTrue(diskRatio > 0.0 && diskRatio <= 1.0, table.get("commitLogDiskRatio"));
        assertTrue(table.get("runtime").matches("\\[ 0 days, 0 hours, \\d+ minutes, \\d+ seconds ]"),
                table.get("runtime"));
    }

    @Test
    void countsStoredMessagesAndReportsCommitLogRange() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(ResponseCode.SUCCESS, client.sendV2("InfoTopic", 0, "m" + i, Map.of()).code());
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> runtimeInfo().get("msgPutTotalTodayNow").equals("3"));

        Map<String, String> table = runtimeInfo();
        assertEquals(Long.toString(broker.store().getMaxPhyOffset()), table.get("commitLogMaxOffset"));
        assertTrue(broker.store().getMaxPhyOffset() > 0);
        assertEquals(Long.toString(broker.store().getEarliestMessageTime()), table.get("earliestMessageTimeStamp"));
        assertTrue(Long.parseLong(table.get("earliestMessageTimeStamp")) > 0);
        String[] putTps = table.get("putTps").split(" ");
        assertEquals(3, putTps.length);
        for (String rate : putTps) {
            assertTrue(Double.parseDouble(rate) >= 0.0, table.get("putTps"));
        }
    }

    @Test
    void runtimeTextCountsDaysHoursMinutesSeconds() {
        assertEquals("[ 1 days, 2 hours, 3 minutes, 4 seconds ]",
                BrokerRuntimeInfoProcessor.runtimeText(((26 * 60 + 3) * 60 + 4) * 1000L + 999));
    }

    @Test
    void brokerConfigIsTheSortedPropertiesTextWithADataVersionHeader() throws Exception {
        RemotingCommand response = client.call(RemotingCommand.request(RequestCode.GET_BROKER_CONFIG));

        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
        String text = response.bodyText();
        assertTrue(text.contains("brokerName=broker-a\n"), text);
        assertTrue(text.contains("sendThreadPoolQueueCapacity=1234\n"), text);
        List<String> keys = text.lines().map(line -> line.substring(0, line.indexOf('='))).toList();
        assertEquals(keys.stream().sorted().toList(), keys);
        DataVersion version = RemotingSerializable.fromJson(response.field("version"), DataVersion.class);
        assertTrue(version.getTimestamp() > 0);
    }
}
