package org.tidemq.broker.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

/** CLONE_GROUP_OFFSET against a real broker. */
class CloneGroupOffsetProcessorTest extends RunningBrokerTest {

    private RemotingCommand cloneRequest(String src, String dest, String topic) throws Exception {
        return client.call(RemotingCommand.request(RequestCode.CLONE_GROUP_OFFSET)
                .putField("srcGroup", src).putField("destGroup", dest).putField("topic", topic)
                .putField("offline", "false"));
    }

    @Test
    void copiesTheSourceGroupsOffsetsOfOneTopic() throws Exception {
        broker.topics().createTopicIfAbsent("CLONE_T", 2, 6, 0);
        broker.topics().createTopicIfAbsent("CLONE_OTHER", 1, 6, 0);
        broker.offsets().commitOffset("SRC", "CLONE_T", 0, 5);
        broker.offsets().commitOffset("SRC", "CLONE_T", 1, 9);
        broker.offsets().commitOffset("SRC", "CLONE_OTHER", 0, 3);

        RemotingCommand response = cloneRequest("SRC", "DEST", "CLONE_T");

        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
        assertEquals(Map.of(0, 5L, 1, 9L), broker.offsets().queryOffsets("DEST", "CLONE_T"));
        assertEquals(Map.of(), broker.offsets().queryOffsets("DEST", "CLONE_OTHER"));
        assertEquals(Map.of(0, 5L, 1, 9L), broker.offsets().queryOffsets("SRC", "CLONE_T"));
    }

    @Test
    void withoutTopicCopiesEveryTopicAndSkipsUnknownTopics() throws Exception {
        broker.topics().createTopicIfAbsent("CLONE_A", 1, 6, 0);
        broker.offsets().commitOffset("SRC_ALL", "CLONE_A", 0, 4);
        broker.offsets().commitOffset("SRC_ALL", "NOT_A_TOPIC_HERE", 0, 8);

        RemotingCommand response = client.call(RemotingCommand.request(RequestCode.CLONE_GROUP_OFFSET)
                .putField("srcGroup", "SRC_ALL").putField("destGroup", "DEST_ALL"));

        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
        assertEquals(Map.of(0, 4L), broker.offsets().queryOffsets("DEST_ALL", "CLONE_A"));
        assertEquals(Map.of(), broker.offsets().queryOffsets("DEST_ALL", "NOT_A_TOPIC_HERE"));
    }

    @Test
    void missingGroupIsRefusedByName() throws Exception {
        RemotingCommand response = client.call(RemotingCommand.request(RequestCode.CLONE_GROUP_OFFSET)
                .putField("srcGroup", "SRC"));

        assertEquals(ResponseCode.SYSTEM_ERROR, response.code());
        assertEquals(true, response.remark().contains("destGroup"), response.remark());
    }
}
