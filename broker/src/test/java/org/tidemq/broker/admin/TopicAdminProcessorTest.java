package org.tidemq.broker.admin;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.remoting.protocol.RemotingSerializable;
import org.junit.jupiter.api.Test;
import org.tidemq.broker.topic.TopicConfigManager;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.common.protocol.TopicFilterType;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

/** Topic admin requests against a real broker on 127.0.0.1:0 with its store in a temp dir. */
class TopicAdminProcessorTest extends RunningBrokerTest {



    private static RemotingCommand createRequest(String topic, String read, String write, String perm) {
        return RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC)
                .putField("topic", topic)
                .putField("defaultTopic", "TBW102")
                .putField("readQueueNums", read)
                .putField("writeQueueNums", write)
                .putField("perm", perm)
                .putField("topicFilterType", "MULTI_TAG")
                .putField("topicSysFlag", "0")
                .putField("order", "true")
                .putField("attributes", "+message.type=FIFO");
    }

    @Test
    void createsTopicPersistsItAndServesItBackInOfficialFormat() throws Exception {
        RemotingCommand response = client.call(createRequest("AdminTopic", "8", "4", "6"));

        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
        TopicConfig created = broker.topics().select("AdminTopic");
        assertEquals(new TopicConfig("AdminTopic", 8, 4, 6, TopicFilterType.MULTI_TAG, 0, true,
                Map.of("message.type", "FIFO")), created);
        String onDisk = Files.readString(TopicConfigManager.fileIn(broker.config().store().storePathRootDir()));
        assertTrue(onDisk.contains("\"AdminTopic\""), onDisk);

        RemotingCommand one = client.call(RemotingCommand.request(RequestCode.GET_TOPIC_CONFIG)
                .putField("topic", "AdminTopic"));
        assertEquals(ResponseCode.SUCCESS, one.code(), one.remark());
        var official = RemotingSerializable.decode(one.bodyBytes(), org.apache.rocketmq.common.TopicConfig.class);
        assertEquals("AdminTopic", official.getTopicName());
        assertEquals(8, official.getReadQueueNums());
        assertEquals(4, official.getWriteQueueNums());
        assertEquals(6, official.getPerm());
        assertTrue(official.isOrder());
        assertEquals("FIFO", official.getAttributes().get("message.type"));

        RemotingCommand all = client.call(RemotingCommand.request(RequestCode.GET_ALL_TOPIC_CONFIG));
        assertEquals(ResponseCode.SUCCESS, all.code(), all.remark());
        var wrapper = RemotingSerializable.decode(all.bodyBytes(),
                org.apache.rocketmq.remoting.protocol.body.TopicConfigSerializeWrapper.class);
        assertEquals(4, wrapper.getTopicConfigTable().get("AdminTopic").getWriteQueueNums());
        assertTrue(wrapper.getTopicConfigTable().containsKey("TBW102"));
        assertEquals(broker.topics().dataVersion().counter(), wrapper.getDataVersion().getCounter().get());
    }

    @Test
    void updatingChangesQueuesAndKeepsAttributesNotMentioned() throws Exception {
        assertEquals(ResponseCode.SUCCESS, client.call(createRequest("AdminTopic", "8", "8", "6")).code());
        RemotingCommand update = RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC)
                .putField("topic", "AdminTopic").putField("readQueueNums", "2").putField("writeQueueNums", "2")
                .putField("perm", "4");

        assertEquals(ResponseCode.SUCCESS, client.call(update).code());
        TopicConfig updated = broker.topics().select("AdminTopic");
        assertEquals(2, updated.readQueueNums());
        assertEquals(4, updated.perm());
        assertEquals(Map.of("message.type", "FIFO"), updated.attributes());
    }

    @Test
    void rejectsInvalidInputNamingTheProblemAndCreatesNothing() throws Exception {
        RemotingCommand badName = client.call(createRequest("bad topic!", "4", "4", "6"));
        assertEquals(ResponseCode.SYSTEM_ERROR, badName.code());
        assertTrue(badName.remark().contains("bad topic!"), badName.remark());

        RemotingCommand badQueues = client.call(createRequest("GoodName", "four", "4", "6"));
        assertEquals(ResponseCode.SYSTEM_ERROR, badQueues.code());
        assertTrue(badQueues.remark().contains("readQueueNums"), badQueues.remark());

        RemotingCommand badPerm = client.call(createRequest("GoodName", "4", "4", "9"));
        assertEquals(ResponseCode.SYSTEM_ERROR, badPerm.code());
        assertTrue(badPerm.remark().contains("perm"), badPerm.remark());

        RemotingCommand badAttribute = client.call(createRequest("GoodName", "4", "4", "6")
                .putField("attributes", "message.type"));
        assertEquals(ResponseCode.SYSTEM_ERROR, badAttribute.code());
        assertTrue(badAttribute.remark().contains("message.type"), badAttribute.remark());

        RemotingCommand template = client.call(createRequest("TBW102", "4", "4", "6"));
        assertEquals(ResponseCode.SYSTEM_ERROR, template.code());
        assertEquals(8, broker.topics().select("TBW102").writeQueueNums(), "the template is untouched");
        RemotingCommand system = client.call(createRequest("SCHEDULE_TOPIC_XXXX", "4", "4", "6"));
        assertEquals(ResponseCode.SYSTEM_ERROR, system.code());
        assertTrue(system.remark().contains("system topic"), system.remark());

        RemotingCommand missing = client.call(RemotingCommand.request(RequestCode.UPDATE_AND_CREATE_TOPIC));
        assertEquals(ResponseCode.SYSTEM_ERROR, missing.code());
        assertTrue(missing.remark().contains("topic"), missing.remark());

        assertNull(broker.topics().select("GoodName"));
        assertNull(broker.topics().select("bad topic!"));
    }

    @Test
    void deleteDropsTopicConsumeQueuesAndOffsets() throws Exception {
        assertEquals(ResponseCode.SUCCESS, client.call(createRequest("Doomed", "2", "2", "6")).code());
        for (int i = 0; i < 3; i++) {
            assertEquals(ResponseCode.SUCCESS, client.sendV2("Doomed", 0, "m" + i, Map.of()).code());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.store().getMaxOffsetInQueue("Doomed", 0) == 3);
        broker.offsets().commitOffset("CG_DOOMED", "Doomed", 0, 2);
        broker.offsets().commitOffset("CG_DOOMED", "Other", 0, 5);

        RemotingCommand response = client.call(RemotingCommand.request(RequestCode.DELETE_TOPIC_IN_BROKER)
                .putField("topic", "Doomed"));

        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
        assertNull(broker.topics().select("Doomed"));
        assertFalse(broker.store().topics().contains("Doomed"));
        assertEquals(0, broker.store().getMaxOffsetInQueue("Doomed", 0));
        assertEquals(-1, broker.offsets().queryOffset("CG_DOOMED", "Doomed", 0));
        assertEquals(5, broker.offsets().queryOffset("CG_DOOMED", "Other", 0));
        RemotingCommand lookup = client.call(RemotingCommand.request(RequestCode.GET_TOPIC_CONFIG)
                .putField("topic", "Doomed"));
        assertEquals(ResponseCode.TOPIC_NOT_EXIST, lookup.code());
    }

    @Test
    void refusesToDeleteSystemTopics() throws Exception {
        RemotingCommand response = client.call(RemotingCommand.request(RequestCode.DELETE_TOPIC_IN_BROKER)
                .putField("topic", "SCHEDULE_TOPIC_XXXX"));

        assertEquals(ResponseCode.SYSTEM_ERROR, response.code());
        assertNotNull(broker.topics().select("SCHEDULE_TOPIC_XXXX"));
    }

    @Test
    void reRegistersWithNameServersOnlyWhenTheTableChanged() throws Exception {
        AtomicInteger registrations = new AtomicInteger();
        TopicAdminProcessor processor = new TopicAdminProcessor(broker.topics(), broker.store(), broker.offsets(),
                registrations::incrementAndGet);

        assertEquals(ResponseCode.SUCCESS, processor.processNow(null, createRequest("RegTopic", "4", "4", "6")).code());
        assertEquals(1, registrations.get());
        assertEquals(ResponseCode.SUCCESS, processor.processNow(null, createRequest("RegTopic", "4", "4", "6")).code());
        assertEquals(1, registrations.get(), "an identical update changes nothing");
        assertEquals(ResponseCode.SYSTEM_ERROR,
                processor.processNow(null, createRequest("Reg Topic", "4", "4", "6")).code());
        assertEquals(1, registrations.get());
        RemotingCommand delete = RemotingCommand.request(RequestCode.DELETE_TOPIC_IN_BROKER).putField("topic",
                "RegTopic");
        assertEquals(ResponseCode.SUCCESS, processor.processNow(null, delete).code());
        assertEquals(2, registrations.get());
        assertEquals(ResponseCode.SUCCESS, processor.processNow(null, delete).code());
        assertEquals(2, registrations.get(), "deleting an absent topic changes nothing");
    }
}
