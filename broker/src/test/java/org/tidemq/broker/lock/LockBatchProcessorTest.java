package org.tidemq.broker.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.RemotingSerializable;
import org.apache.rocketmq.remoting.protocol.body.LockBatchRequestBody;
import org.apache.rocketmq.remoting.protocol.body.LockBatchResponseBody;
import org.apache.rocketmq.remoting.protocol.body.UnlockBatchRequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.RunningBroker;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

/** LOCK_BATCH_MQ / UNLOCK_BATCH_MQ on a running broker, with bodies encoded and decoded by the official classes. */
class LockBatchProcessorTest {
    @TempDir
    Path dir;
    private RunningBroker running;

    @BeforeEach
    void start() throws Exception {
        running = new RunningBroker(dir);
    }

    @AfterEach
    void stop() {
        running.close();
    }

    private static Set<MessageQueue> queues(int... ids) {
        Set<MessageQueue> set = new HashSet<>();
        for (int id : ids) {
            set.add(new MessageQueue("TopicA", "broker-a", id));
        }
        return set;
    }

    private Set<MessageQueue> lock(String clientId, Set<MessageQueue> mqs) throws Exception {
        LockBatchRequestBody body = new LockBatchRequestBody();
        body.setConsumerGroup("CG_ORDER");
        body.setClientId(clientId);
        body.setMqSet(mqs);
        RemotingCommand response = running.client.call(
                RemotingCommand.request(RequestCode.LOCK_BATCH_MQ).setBody(body.encode()));
        assertEquals(ResponseCode.SUCCESS, response.code(), response.remark());
        return RemotingSerializable.decode(response.bodyBytes(), LockBatchResponseBody.class).getLockOKMQSet();
    }

    @Test
    void officialClientBodiesLockAndUnlockQueues() throws Exception {
        assertEquals(queues(0, 1), lock("client-1", queues(0, 1)));
        assertEquals(queues(2), lock("client-2", queues(0, 1, 2)));

        UnlockBatchRequestBody unlock = new UnlockBatchRequestBody();
        unlock.setConsumerGroup("CG_ORDER");
        unlock.setClientId("client-1");
        unlock.setMqSet(queues(0));
        RemotingCommand unlocked = running.client.call(
                RemotingCommand.request(RequestCode.UNLOCK_BATCH_MQ).setBody(unlock.encode()));
        assertEquals(ResponseCode.SUCCESS, unlocked.code());
        assertNull(unlocked.body());

        assertEquals(queues(0, 2), lock("client-2", queues(0, 1, 2)));
    }

    @Test
    void malformedBodyIsRefusedNamingTheProblem() throws Exception {
        RemotingCommand response = running.client.call(RemotingCommand.request(RequestCode.LOCK_BATCH_MQ)
                .setBody("{\"consumerGroup\":\"CG\",\"mqSet\":[]}"));
        assertEquals(ResponseCode.SYSTEM_ERROR, response.code());
        assertTrue(response.remark().contains("clientId"), response.remark());
    }
}
