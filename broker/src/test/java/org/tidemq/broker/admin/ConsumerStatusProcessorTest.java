package org.tidemq.broker.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.protocol.RemotingSerializable;
import org.apache.rocketmq.remoting.protocol.body.GetConsumerStatusBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidemq.broker.RunningBroker;
import org.tidemq.broker.TestConsumer;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

/** INVOKE_BROKER_TO_GET_CONSUMER_STATUS collecting GET_CONSUMER_STATUS_FROM_CLIENT answers (official encoding). */
class ConsumerStatusProcessorTest {
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

    private static TestConsumer consumer(RunningBroker running, String clientId, long offset) {
        return new TestConsumer(running.broker.brokerAddr(), clientId, request -> {
            GetConsumerStatusBody body = new GetConsumerStatusBody();
            Map<MessageQueue, Long> table = new HashMap<>();
            table.put(new MessageQueue(request.field("topic"), "broker-a", 0), offset);
            body.setMessageQueueTable(table);
            return RemotingCommand.successTo(request).setBody(body.encode());
        }, RequestCode.GET_CONSUMER_STATUS_FROM_CLIENT);
    }

    private RemotingCommand status(String clientAddr) throws Exception {
        return running.client.call(RemotingCommand.request(RequestCode.INVOKE_BROKER_TO_GET_CONSUMER_STATUS)
                .putField("topic", "TopicS").putField("group", "CG_S").putField("clientAddr", clientAddr));
    }

    @Test
    void collectsEachConsumersOffsetsByClientId() throws Exception {
        try (TestConsumer first = consumer(running, "10.0.0.1@1", 7);
             TestConsumer second = consumer(running, "10.0.0.2@2", 9)) {
            first.heartbeat("CG_S", "TopicS");
            second.heartbeat("CG_S", "TopicS");

            RemotingCommand all = status(null);
            RemotingCommand one = status("10.0.0.2@2");

            assertEquals(ResponseCode.SUCCESS, all.code(), all.remark());
            Map<String, Map<MessageQueue, Long>> table =
                    RemotingSerializable.decode(all.bodyBytes(), GetConsumerStatusBody.class).getConsumerTable();
            MessageQueue queue = new MessageQueue("TopicS", "broker-a", 0);
            assertEquals(Map.of("10.0.0.1@1", Map.of(queue, 7L), "10.0.0.2@2", Map.of(queue, 9L)), table);
            assertEquals(Map.of("10.0.0.2@2", Map.of(queue, 9L)),
                    RemotingSerializable.decode(one.bodyBytes(), GetConsumerStatusBody.class).getConsumerTable());
        }
    }

    @Test
    void noConsumerOnlineIsASystemError() throws Exception {
        RemotingCommand response = status(null);

        assertEquals(ResponseCode.SYSTEM_ERROR, response.code());
        assertEquals("No Any Consumer online in the consumer group: [CG_S]", response.remark());
    }
}
