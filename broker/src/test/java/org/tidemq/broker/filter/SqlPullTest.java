package org.tidemq.broker.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.BrokerClient;
import org.tidemq.broker.RunningBroker;
import org.tidemq.broker.TestBrokers;
import org.tidemq.broker.pull.PullMessageRequestHeader;
import org.tidemq.common.message.StoredMessage;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

/** PULL_MESSAGE with SQL92 subscriptions, from the request header and from the heartbeat, on a real broker. */
class SqlPullTest {
    private static final String TOPIC = "SqlPullTopic";
    private static final int SUBSCRIPTION_FLAG = 0x4;

    @TempDir
    Path dir;

    private static RemotingCommand sqlPull(String group, int sysFlag, String expression, long offset) {
        return new PullMessageRequestHeader(group, TOPIC, 0, offset, 32, sysFlag, 0, 0, expression, 0, "SQL92", null)
                .writeTo(RemotingCommand.request(RequestCode.PULL_MESSAGE));
    }

    private static void send(RunningBroker running) throws Exception {
        for (int i = 0; i < 10; i++) {
            assertEquals(ResponseCode.SUCCESS, running.client.sendV2(TOPIC, 0, "m" + i,
                    BrokerClient.props("a", Integer.toString(i), "kind", i % 2 == 0 ? "even" : "odd")).code());
        }
    }

    private static List<String> bodies(RemotingCommand response) {
        List<StoredMessage> messages = TestBrokers.decodeRecords(response.body());
        return messages.stream().map(m -> TestBrokers.text(m.body())).toList();
    }

    private void heartbeat(RunningBroker running, String group, String expression) throws Exception {
        RemotingCommand request = RemotingCommand.request(RequestCode.HEART_BEAT);
        request.setBody(("{\"clientID\":\"127.0.0.1@sql\",\"consumerDataSet\":[{\"consumeFromWhere\":"
                + "\"CONSUME_FROM_FIRST_OFFSET\",\"consumeType\":\"CONSUME_PASSIVELY\",\"groupName\":\"" + group
                + "\",\"messageModel\":\"CLUSTERING\",\"subscriptionDataSet\":[{\"classFilterMode\":false,"
                + "\"codeSet\":[],\"expressionType\":\"SQL92\",\"subString\":\"" + expression + "\",\"subVersion\":1,"
                + "\"tagsSet\":[],\"topic\":\"" + TOPIC + "\"}],\"unitMode\":false}],\"heartbeatFingerprint\":0,"
                + "\"producerDataSet\":[],\"withoutSub\":false}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(ResponseCode.SUCCESS, running.client.call(request).code());
    }

    @Test
    void pullsReturnOnlyMatchingMessagesAndSkipTheRest() throws Exception {
        try (RunningBroker running = new RunningBroker(dir, Map.of("enablePropertyFilter", "true"),
                Clock.systemUTC(), null)) {
            send(running);
            RemotingCommand byHeader = running.client.call(sqlPull("CG_SQL_H", SUBSCRIPTION_FLAG,
                    "kind = 'even' AND a > 3", 0));
            assertEquals(ResponseCode.SUCCESS, byHeader.code(), byHeader.remark());
            assertEquals(List.of("m4", "m6", "m8"), bodies(byHeader));
            assertEquals("10", byHeader.field("nextBeginOffset"), "filtered-out tail is skipped");
            byHeader.releaseBody();

            RemotingCommand none = running.client.call(sqlPull("CG_SQL_H", SUBSCRIPTION_FLAG, "a > 100", 0));
            assertEquals(ResponseCode.PULL_RETRY_IMMEDIATELY, none.code());
            assertEquals("10", none.field("nextBeginOffset"));

            heartbeat(running, "CG_SQL_HB", "a BETWEEN 2 AND 4 OR missing IS NOT NULL");
            RemotingCommand byHeartbeat = running.client.call(sqlPull("CG_SQL_HB", 0, null, 0));
            assertEquals(ResponseCode.SUCCESS, byHeartbeat.code(), byHeartbeat.remark());
            assertEquals(List.of("m2", "m3", "m4"), bodies(byHeartbeat));
            byHeartbeat.releaseBody();
        }
    }

    @Test
    void malformedOrDisabledFiltersAreRefusedWithRocketMqsCodes() throws Exception {
        try (RunningBroker running = new RunningBroker(dir, Map.of("enablePropertyFilter", "true"),
                Clock.systemUTC(), null)) {
            send(running);
            RemotingCommand badHeader = running.client.call(sqlPull("CG_BAD", SUBSCRIPTION_FLAG, "a >", 0));
            assertEquals(ResponseCode.SUBSCRIPTION_PARSE_FAILED, badHeader.code());
            assertTrue(badHeader.remark().startsWith("parse the consumer's subscription failed: Invalid SQL92"),
                    badHeader.remark());

            heartbeat(running, "CG_BAD_HB", "a IN (1)");
            RemotingCommand badRegistered = running.client.call(sqlPull("CG_BAD_HB", 0, null, 0));
            assertEquals(ResponseCode.FILTER_DATA_NOT_EXIST, badRegistered.code());
            assertTrue(badRegistered.remark().contains("expected a string literal after IN ( but found '1'"),
                    badRegistered.remark());
        }
    }

    @Test
    void withThePropertyFilterOffSql92PullsGetSystemError(@TempDir Path other) throws Exception {
        try (RunningBroker running = new RunningBroker(other, Map.of(), Clock.systemUTC(), null)) {
            send(running);
            RemotingCommand refused = running.client.call(sqlPull("CG_OFF", SUBSCRIPTION_FLAG, "a > 1", 0));
            assertEquals(ResponseCode.SYSTEM_ERROR, refused.code());
            assertEquals("The broker does not support consumer to filter message by SQL92", refused.remark());
            RemotingCommand tags = running.client.call(BrokerClient.pullRequest("CG_OFF", TOPIC, 0, 0,
                    SUBSCRIPTION_FLAG, "*", 0));
            assertEquals(ResponseCode.SUCCESS, tags.code(), "negative control: TAG pulls still work");
            assertEquals(10, bodies(tags).size());
            tags.releaseBody();
        }
    }
}
