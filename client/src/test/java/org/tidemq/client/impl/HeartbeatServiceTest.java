package org.tidemq.client.impl;

import org.junit.jupiter.api.Test;
import org.tidemq.client.FakeRemotingClient;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.remoting.RequestCode;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HeartbeatServiceTest {

    @Test
    void heartbeatsEveryMasterWithTheProducerGroup() {
        FakeRemotingClient remoting = new FakeRemotingClient();
        HeartbeatService heartbeat = new HeartbeatService(remoting, "10.0.0.9@123#456", "PG_A",
                () -> List.of("10.0.0.1:10911", "10.0.0.2:10911"), 3000);

        heartbeat.beat().join();

        List<FakeRemotingClient.Sent> sent = remoting.sent(RequestCode.HEART_BEAT);
        assertEquals(List.of("10.0.0.1:10911", "10.0.0.2:10911"), sent.stream().map(FakeRemotingClient.Sent::address).toList());
        JsonObject body = JsonReader.parseObject(sent.get(0).body());
        assertEquals("10.0.0.9@123#456", body.string("clientID"));
        assertEquals(0, body.array("consumerDataSet").size());
        JsonObject producer = JsonObject.toObject(body.array("producerDataSet").get(0), "producer");
        assertEquals("PG_A", producer.string("groupName"));
    }

    @Test
    void failuresDoNotBreakTheBeat() {
        FakeRemotingClient remoting = new FakeRemotingClient()
                .on(RequestCode.HEART_BEAT, (address, request) -> address.startsWith("10.0.0.1")
                        ? FakeRemotingClient.ioFailure(address)
                        : FakeRemotingClient.answer(0, null, Map.of(), null));
        HeartbeatService heartbeat = new HeartbeatService(remoting, "c@1", "PG_A",
                () -> List.of("10.0.0.1:10911", "10.0.0.2:10911"), 3000);

        heartbeat.beat().join();
        heartbeat.unregister().join();

        assertEquals(2, remoting.sent(RequestCode.HEART_BEAT).size());
        assertEquals(2, remoting.sent(RequestCode.UNREGISTER_CLIENT).size());
    }
}
