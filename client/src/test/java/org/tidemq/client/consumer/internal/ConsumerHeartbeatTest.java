package org.tidemq.client.consumer.internal;

import org.junit.jupiter.api.Test;
import org.tidemq.client.FakeRemotingClient;
import org.tidemq.client.consumer.ConsumeFromWhere;
import org.tidemq.client.consumer.MessageModel;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.remoting.RequestCode;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConsumerHeartbeatTest {

    @Test
    void heartbeatsEveryAddressWithTheConsumerData() {
        FakeRemotingClient remoting = new FakeRemotingClient().on(RequestCode.HEART_BEAT, (address, request) ->
                address.startsWith("10.0.0.2") ? FakeRemotingClient.ioFailure(address)
                        : FakeRemotingClient.answer(0, null, Map.of(), null));
        ConsumerGroupData group = new ConsumerGroupData("CG_A", ConsumeType.CONSUME_ACTIVELY, MessageModel.CLUSTERING,
                ConsumeFromWhere.FIRST_OFFSET, List.of(Subscription.parse("TopicA", "TagA || TagB", 9)));
        ConsumerHeartbeat heartbeat = new ConsumerHeartbeat(remoting, "10.0.0.9@1#2", () -> List.of(group),
                () -> List.of("10.0.0.1:10911", "10.0.0.1:10921", "10.0.0.2:10911"), 3000);

        heartbeat.beat().join();
        heartbeat.unregister("CG_A").join();

        List<FakeRemotingClient.Sent> beats = remoting.sent(RequestCode.HEART_BEAT);
        assertEquals(List.of("10.0.0.1:10911", "10.0.0.1:10921", "10.0.0.2:10911"),
                beats.stream().map(FakeRemotingClient.Sent::address).toList());
        JsonObject body = JsonReader.parseObject(beats.get(1).body());
        assertEquals("10.0.0.9@1#2", body.string("clientID"));
        assertEquals(0, body.array("producerDataSet").size());
        JsonObject consumer = JsonObject.toObject(body.array("consumerDataSet").get(0), "consumer");
        assertEquals("CG_A", consumer.string("groupName"));
        assertEquals("CONSUME_ACTIVELY", consumer.string("consumeType"));
        assertEquals("CLUSTERING", consumer.string("messageModel"));
        assertEquals("CONSUME_FROM_FIRST_OFFSET", consumer.string("consumeFromWhere"));
        assertEquals(false, consumer.boolValue("unitMode", true));
        JsonObject subscription = JsonObject.toObject(consumer.array("subscriptionDataSet").get(0), "sub");
        assertEquals("TopicA", subscription.string("topic"));
        assertEquals("TagA || TagB", subscription.string("subString"));
        List<FakeRemotingClient.Sent> unregisters = remoting.sent(RequestCode.UNREGISTER_CLIENT);
        assertEquals(3, unregisters.size());
        assertEquals("CG_A", unregisters.get(0).field("consumerGroup"));
        assertEquals("10.0.0.9@1#2", unregisters.get(0).field("clientID"));
    }
}
