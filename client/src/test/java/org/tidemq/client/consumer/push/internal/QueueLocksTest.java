package org.tidemq.client.consumer.push.internal;

import org.junit.jupiter.api.Test;
import org.tidemq.client.FakeRemotingClient;
import org.tidemq.client.MessageQueue;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.remoting.RequestCode;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueueLocksTest {
    private static final MessageQueue Q0 = new MessageQueue("T", "broker-a", 0);
    private static final MessageQueue Q1 = new MessageQueue("T", "broker-a", 1);
    private static final MessageQueue QB = new MessageQueue("T", "broker-b", 0);

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final FakeRemotingClient remoting = new FakeRemotingClient();
    private final Set<String> granting = new HashSet<>(Set.of("0", "1"));
    private final QueueLocks locks = new QueueLocks(remoting, "G", "me@1",
            name -> name.equals("broker-a") ? "127.0.0.1:10911" : "127.0.0.1:20911", now::get, 30_000, 3000);

    QueueLocksTest() {
        remoting.on(RequestCode.LOCK_BATCH_MQ, (address, sent) -> {
            JsonObject body = JsonReader.parseObject(sent.body());
            StringBuilder granted = new StringBuilder("{\"lockOKMQSet\":[");
            String separator = "";
            for (Object item : body.array("mqSet")) {
                JsonObject mq = (JsonObject) item;
                if (granting.contains(String.valueOf(mq.intValue("queueId", -1)))) {
                    granted.append(separator).append("{\"brokerName\":\"").append(mq.string("brokerName"))
                            .append("\",\"queueId\":").append(mq.intValue("queueId", -1))
                            .append(",\"topic\":\"").append(mq.string("topic")).append("\"}");
                    separator = ",";
                }
            }
            granted.append("]}");
            return FakeRemotingClient.answer(0, null, Map.of(),
                    granted.toString().getBytes(StandardCharsets.UTF_8));
        });
    }

    @Test
    void lockRequestBodyPerBrokerMatchesTheWireFormat() {
        locks.lock(List.of(Q0, QB)).join();
        List<FakeRemotingClient.Sent> sent = remoting.sent(RequestCode.LOCK_BATCH_MQ);
        assertEquals(2, sent.size());
        FakeRemotingClient.Sent toA = sent.stream().filter(s -> s.address().equals("127.0.0.1:10911")).findFirst()
                .orElseThrow();
        assertEquals("{\"clientId\":\"me@1\",\"consumerGroup\":\"G\",\"mqSet\":[{\"brokerName\":\"broker-a\","
                + "\"queueId\":0,\"topic\":\"T\"}],\"onlyThisBroker\":false}",
                new String(toA.body(), StandardCharsets.UTF_8));
    }

    @Test
    void grantedLockIsFreshForThirtySecondsAndRenewalExtendsIt() {
        Set<MessageQueue> granted = locks.lock(List.of(Q0, Q1)).join();
        assertEquals(Set.of(Q0, Q1), granted);
        assertTrue(locks.isHeld(Q0));

        now.addAndGet(29_999);
        assertTrue(locks.isHeld(Q0));
        now.addAndGet(1);
        assertFalse(locks.isHeld(Q0), "a grant 30 s old is stale");

        locks.lock(List.of(Q0)).join();
        assertTrue(locks.isHeld(Q0), "renewal refreshes the grant");
        assertFalse(locks.isHeld(Q1), "not renewed, still stale");
    }

    @Test
    void refusedQueueLosesItsLockAtOnce() {
        locks.lock(List.of(Q0, Q1)).join();
        granting.remove("1");
        now.addAndGet(20_000);
        assertEquals(Set.of(Q0), locks.lock(List.of(Q0, Q1)).join());
        assertTrue(locks.isHeld(Q0));
        assertFalse(locks.isHeld(Q1));
    }

    @Test
    void failedRenewalLetsTheLockGoStale() {
        locks.lock(List.of(Q0)).join();
        remoting.on(RequestCode.LOCK_BATCH_MQ, (address, sent) -> FakeRemotingClient.ioFailure(address));
        now.addAndGet(20_000);
        assertEquals(Set.of(), locks.lock(List.of(Q0)).join());
        assertTrue(locks.isHeld(Q0), "the earlier grant is still fresh");
        now.addAndGet(10_000);
        assertFalse(locks.isHeld(Q0));
    }

    @Test
    void unlockReleasesLocallyAndAtTheBroker() {
        locks.lock(List.of(Q0)).join();
        locks.unlock(List.of(Q0)).join();
        assertFalse(locks.isHeld(Q0));
        assertEquals(1, remoting.sent(RequestCode.UNLOCK_BATCH_MQ).size());
    }
}
