package org.tidemq.broker.stats;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.BrokerClient;
import org.tidemq.broker.BrokerController;
import org.tidemq.broker.TestBrokers;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

/**
 * A running broker counts stored messages per topic and pulled messages per topic@group: the items exist (so
 * VIEW_BROKER_STATS_DATA answers) as soon as traffic passed; the windowed sums are covered with a fake clock in
 * {@link StatsSamplingServiceTest}.
 */
class BrokerStatsWiringTest {
    @TempDir
    Path dir;
    private BrokerController broker;
    private BrokerClient client;

    @BeforeEach
    void start() throws Exception {
        broker = new BrokerController(TestBrokers.config(dir, Map.of()));
        broker.start();
        client = new BrokerClient(broker.brokerAddr());
    }

    @AfterEach
    void stop() {
        client.close();
        broker.shutdown();
    }

    private RemotingCommand view(String name, String key) throws Exception {
        return client.call(RemotingCommand.request(RequestCode.VIEW_BROKER_STATS_DATA)
                .putField("statsName", name).putField("statsKey", key));
    }

    @Test
    void sendAndPullCreateTheirStatsItems() throws Exception {
        assertEquals(ResponseCode.SYSTEM_ERROR, view("TOPIC_PUT_NUMS", "StatsWired").code());
        assertEquals(ResponseCode.SUCCESS, client.sendV2("StatsWired", 0, "m", Map.of()).code());
        await().atMost(Duration.ofSeconds(5)).until(() -> view("TOPIC_PUT_NUMS", "StatsWired").code()
                == ResponseCode.SUCCESS);
        assertEquals(ResponseCode.SUCCESS, view("TOPIC_PUT_SIZE", "StatsWired").code());
        assertEquals(ResponseCode.SYSTEM_ERROR, view("GROUP_GET_NUMS", "StatsWired@StatsGroup").code());

        RemotingCommand pull = client.call(BrokerClient.pullRequest("StatsGroup", "StatsWired", 0, 0, 4, "*", 0));
        assertEquals(ResponseCode.SUCCESS, pull.code(), pull.remark());

        assertEquals(ResponseCode.SUCCESS, view("GROUP_GET_NUMS", "StatsWired@StatsGroup").code());
        assertEquals(ResponseCode.SUCCESS, view("GROUP_GET_SIZE", "StatsWired@StatsGroup").code());
    }
}
