package org.tidemq.broker.send;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.tidemq.broker.config.BrokerConfig;
import org.tidemq.broker.config.DelayLevels;
import org.tidemq.broker.retry.RetrySendRouter;
import org.tidemq.broker.runtime.AdvertisedAddress;
import org.tidemq.broker.runtime.QueueTimedExecutor;
import org.tidemq.broker.schedule.ParkedMessage;
import org.tidemq.broker.schedule.ScheduleProperties;
import org.tidemq.broker.timer.TimedBatch;
import org.tidemq.broker.timer.TimedSend;
import org.tidemq.broker.timer.TimerProperties;
import org.tidemq.broker.topic.GroupTopics;
import org.tidemq.broker.transaction.HalfMessage;
import org.tidemq.broker.topic.TopicConfigManager;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.message.MessageSysFlag;
import org.tidemq.common.protocol.Perm;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.common.protocol.header.MissingHeaderFieldException;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.store.AppendMessageResult;
import org.tidemq.store.MessageStore;
import org.tidemq.store.PutMessageResult;
import org.tidemq.store.message.MessageToStore;

/**
 * SEND_MESSAGE (10), SEND_MESSAGE_V2 (310) and SEND_BATCH_MESSAGE (320).
 *
 * <p>The message body goes to the store as a view of the received frame (no heap copy); the transport keeps the
 * frame until the returned future completes, which is after the append has returned. The response is produced when
 * the store's durability future settles, so no thread waits for a flush. A send that waited in the send queue
 * longer than {@code waitTimeMillsInSendQueue} is refused with SYSTEM_BUSY without touching the store.
 *
 * <p>A single message whose DELAY property is a positive level is parked in the schedule topic
 * ({@link ParkedMessage}) unless it goes to a DLQ; a batch carrying DELAY is refused with MESSAGE_ILLEGAL, as
 * RocketMQ does. The answer names the requested queue and the schedule queue's offset.
 *
 * <p>A single message with a timer property ({@code TIMER_DELIVER_MS}/{@code TIMER_DELAY_SEC}/{@code TIMER_DELAY_MS},
 * no delay level, not transactional) is decided by {@link TimedSend}: parked in {@code rmq_sys_wheel_timer},
 * delivered at once (deliver time not in the future) or refused (beyond {@code timerMaxDelaySec}, not a number).
 * A batch whose messages carry timer properties (each its own) is decided by {@link TimedBatch}: parked as a whole,
 * each message its own timer, or refused as a whole when one message would be refused alone.
 *
 * <p>A prepared transactional message is parked in the half topic ({@link HalfMessage}) instead, invisible until
 * END_TRANSACTION commits it; the answer names the requested queue and the half queue's offset. Transactional
 * batches are refused with MESSAGE_ILLEGAL.
 *
 * <p>Thread-safe; runs on the send executor (a {@link QueueTimedExecutor}).
 */
public final class SendMessageProcessor implements RequestProcessor {
    static final String CLUSTER_PROPERTY = "CLUSTER";
    private static final ByteBuffer EMPTY_BODY = ByteBuffer.allocateDirect(0);

    private final BrokerConfig config;
    private final Supplier<BrokerConfig> liveConfig;
    private final RetrySendRouter retryRouter;
    private final MessageStore store;
    private final AdvertisedAddress address;
    private final SendTopicResolver topicResolver;
    private final IntSupplier sendQueueSize;
    private final String clusterProperty;
    private final DelayLevels delayLevels;
    private final LongSupplier clock;

    /**
     * @param onTopicCreated  told after a send auto-created a topic (re-registers with name servers)
     * @param sendQueueSize   current length of the send queue, for the flow-control remark
     */
    public SendMessageProcessor(BrokerConfig config, TopicConfigManager topics,
                                MessageStore store, AdvertisedAddress address, Runnable onTopicCreated,
                                IntSupplier sendQueueSize) {
        this(config, () -> config, null, topics, store, address, onTopicCreated, sendQueueSize);
    }

    /**
     * @param liveConfig  the configuration as changed at runtime (brokerPermission, waitTimeMillsInSendQueue)
     * @param retryRouter routes sends to {@code %RETRY%} topics to the DLQ when their reconsume count is exhausted;
     *                    null leaves them in the retry topic
     */
    public SendMessageProcessor(BrokerConfig config, Supplier<BrokerConfig> liveConfig, RetrySendRouter retryRouter,
                                TopicConfigManager topics, MessageStore store, AdvertisedAddress address,
                                Runnable onTopicCreated, IntSupplier sendQueueSize) {
        this(config, liveConfig, retryRouter, topics, store, address, onTopicCreated, sendQueueSize,
                System::currentTimeMillis);
    }

    /** @param clock wall-clock ms that timed messages' deliver times are checked against */
    public SendMessageProcessor(BrokerConfig config, Supplier<BrokerConfig> liveConfig, RetrySendRouter retryRouter,
                                TopicConfigManager topics, MessageStore store, AdvertisedAddress address,
                                Runnable onTopicCreated, IntSupplier sendQueueSize, LongSupplier clock) {
        this.clock = clock;
        this.config = config;
        this.liveConfig = liveConfig;
        this.retryRouter = retryRouter;
        this.store = store;
        this.address = address;
        this.topicResolver = new SendTopicResolver(topics, onTopicCreated);
        this.sendQueueSize = sendQueueSize;
        this.clusterProperty = CLUSTER_PROPERTY + MessageProperties.NAME_VALUE_SEPARATOR
                + config.identity().brokerClusterName() + MessageProperties.PROPERTY_SEPARATOR;
        this.delayLevels = config.messages().messageDelayLevel();
    }

    @Override
    public CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request)
            throws IOException {
        long waited = QueueTimedExecutor.currentQueueWaitMillis();
        BrokerConfig live = liveConfig.get();
        if (waited > live.flow().waitTimeMillsInSendQueue()) {
            return done(SendResponses.response(request, ResponseCode.SYSTEM_BUSY,
                    String.format(SendResponses.QUEUE_TIMEOUT_REMARK_FORMAT, waited, sendQueueSize.getAsInt())));
        }
        SendMessageRequestHeader header;
        try {
            header = SendMessageRequestHeader.parse(request);
        } catch (MissingHeaderFieldException e) {
            return done(SendResponses.response(request, ResponseCode.SYSTEM_ERROR, e.getMessage()));
        }
        RemotingCommand refusal = checkBroker(request, header, live);
        if (refusal != null) {
            return done(refusal);
        }
        boolean deadLetter = false;
        if (retryRouter != null && request.code() != RequestCode.SEND_BATCH_MESSAGE) {
            RetrySendRouter.Route route = retryRouter.route(header.topic(), header.queueId(),
                    header.reconsumeTimes(), header.maxReconsumeTimes(), request.version());
            if (route.isRefused()) {
                return done(SendResponses.response(request, route.code(), route.remark()));
            }
            if (route.deadLetter()) {
                deadLetter = true;
                header = redirected(header, route.topic(), route.queueId());
            }
        }
        Optional<TopicConfig> topic = topicResolver.resolve(header);
        if (topic.isEmpty()) {
            return done(SendResponses.response(request, ResponseCode.TOPIC_NOT_EXIST,
                    "topic[" + header.topic() + "] not exist, apply first please!"));
        }
        TopicConfig topicConfig = topic.get();
        if (!Perm.isWriteable(topicConfig.perm())) {
            return done(SendResponses.response(request, ResponseCode.NO_PERMISSION,
                    "the topic[" + header.topic() + "] sending message is forbidden"));
        }
        int queueId = header.queueId();
        if (queueId < 0) {
            queueId = ThreadLocalRandom.current().nextInt(Math.max(1, topicConfig.writeQueueNums()));
        }
        int queueCount = Math.max(topicConfig.writeQueueNums(), topicConfig.readQueueNums());
        if (queueId >= queueCount) {
            return done(SendResponses.response(request, ResponseCode.SYSTEM_ERROR,
                    "request queueId[" + queueId + "] is illegal, topic:" + header.topic()
                            + " topicConfig.writeQueueNums:" + topicConfig.writeQueueNums()
                            + " topicConfig.readQueueNums:" + topicConfig.readQueueNums()
                            + " Producer:" + context.remoteAddressText()));
        }
        InetSocketAddress bornHost = bornHost(context);
        if (request.code() == RequestCode.SEND_BATCH_MESSAGE) {
            return sendBatch(request, header, queueId, bornHost);
        }
        return sendOne(request, header, queueId, bornHost, deadLetter);
    }

    private RemotingCommand checkBroker(RemotingCommand request, SendMessageRequestHeader header,
                                        BrokerConfig live) {
        if (!config.identity().isMaster()) {
            return SendResponses.response(request, ResponseCode.SERVICE_NOT_AVAILABLE,
                    "the broker[" + address.host() + "] is a slave, don't send messages to it");
        }
        if (!Perm.isWriteable(live.identity().brokerPermission())) {
            return SendResponses.response(request, ResponseCode.NO_PERMISSION,
                    "the broker[" + address.host() + "] sending message is forbidden");
        }
        String topicProblem = SendTopicResolver.refuseTopic(header.topic());
        if (topicProblem != null) {
            return SendResponses.response(request, ResponseCode.SYSTEM_ERROR, topicProblem);
        }
        int transactionType = MessageSysFlag.transactionType(header.sysFlag());
        if (transactionType != MessageSysFlag.TRANSACTION_NOT_TYPE
                && request.code() == RequestCode.SEND_BATCH_MESSAGE) {
            return SendResponses.response(request, ResponseCode.MESSAGE_ILLEGAL,
                    "batch messages cannot be transactional (sysFlag transaction type " + transactionType + ")");
        }
        int bodyLength = request.bodyLength();
        if (request.code() != RequestCode.SEND_BATCH_MESSAGE
                && bodyLength > config.store().maxMessageSizeBytes()) {
            return SendResponses.response(request, ResponseCode.MESSAGE_ILLEGAL,
                    "the message body size over max value, MAX: " + config.store().maxMessageSizeBytes());
        }
        if (request.code() == RequestCode.SEND_BATCH_MESSAGE && GroupTopics.isRetryTopic(header.topic())) {
            return SendResponses.response(request, ResponseCode.MESSAGE_ILLEGAL,
                    "batch request does not support retry group " + header.topic());
        }
        if (request.code() == RequestCode.SEND_BATCH_MESSAGE && header.properties() != null
                && ScheduleProperties.delayLevel(MessageProperties.decode(header.properties())) > 0) {
            return SendResponses.response(request, ResponseCode.MESSAGE_ILLEGAL,
                    "batch messages do not support delay levels (property " + ScheduleProperties.DELAY + ")");
        }
        return null;
    }

    private CompletableFuture<RemotingCommand> sendOne(RemotingCommand request, SendMessageRequestHeader header,
                                                       int queueId, InetSocketAddress bornHost, boolean deadLetter) {
        String properties = header.properties() == null ? "" : header.properties();
        Map<String, String> decoded = MessageProperties.decode(properties);
        String topic = header.topic();
        int storeQueueId = queueId;
        int delayLevel = ScheduleProperties.delayLevel(decoded);
        boolean prepared = MessageSysFlag.transactionType(header.sysFlag()) == MessageSysFlag.TRANSACTION_PREPARED_TYPE;
        if (delayLevel > 0 && !deadLetter && !prepared) {
            ParkedMessage parked = ParkedMessage.park(topic, queueId, decoded, delayLevel, delayLevels);
            topic = parked.topic();
            storeQueueId = parked.queueId();
            properties = parked.properties();
        } else if (!deadLetter && !prepared) {
            TimedSend timed = TimedSend.decide(topic, queueId, properties, decoded, clock.getAsLong(),
                    config.messages().timer());
            switch (timed.kind()) {
                case REFUSE_ILLEGAL:
                    return done(SendResponses.response(request, ResponseCode.MESSAGE_ILLEGAL, timed.remark()));
                case REFUSE_DISABLED:
                    return done(SendResponses.response(request, ResponseCode.SYSTEM_ERROR, timed.remark()));
                case PARK:
                    topic = TimerProperties.TIMER_TOPIC;
                    storeQueueId = TimerProperties.TIMER_QUEUE_ID;
                    properties = timed.properties();
                    break;
                default:
                    break;
            }
        }
        int sysFlag = header.sysFlag();
        if (prepared && !deadLetter) {
            HalfMessage.Parked half = HalfMessage.park(topic, queueId, sysFlag, decoded);
            topic = half.topic();
            storeQueueId = half.queueId();
            sysFlag = half.sysFlag();
            properties = half.properties();
        }
        MessageToStore message = new MessageToStore(topic, storeQueueId, header.flag(), sysFlag,
                header.bornTimestamp(), bornHost, address.storeHost(), header.reconsumeTimes(), 0,
                properties + clusterProperty, bodyOf(request.body()), waitStoreMsgOk(decoded));
        PutMessageResult put = store.putMessage(message);
        String transactionId = decoded.get(MessageProperties.UNIQ_KEY);
        return answer(request, put, queueId, transactionId);
    }

    private CompletableFuture<RemotingCommand> sendBatch(RemotingCommand request, SendMessageRequestHeader header,
                                                         int queueId, InetSocketAddress bornHost) {
        BatchMessageDecoder.Result batch = BatchMessageDecoder.decode(request.body());
        if (!batch.isValid()) {
            return done(SendResponses.response(request, ResponseCode.MESSAGE_ILLEGAL, batch.problem()));
        }
        List<BatchMessageDecoder.Item> items = batch.items();
        List<String> encoded = new ArrayList<>(items.size());
        List<Map<String, String>> decoded = new ArrayList<>(items.size());
        for (BatchMessageDecoder.Item item : items) {
            if (item.body().remaining() > config.store().maxMessageSizeBytes()) {
                return done(SendResponses.response(request, ResponseCode.MESSAGE_ILLEGAL,
                        "the message body size over max value, MAX: " + config.store().maxMessageSizeBytes()));
            }
            encoded.add(item.properties());
            decoded.add(MessageProperties.decode(item.properties()));
        }
        TimedBatch timed = TimedBatch.decide(header.topic(), queueId, encoded, decoded, clock.getAsLong(),
                config.messages().timer());
        switch (timed.kind()) {
            case REFUSE_ILLEGAL:
                return done(SendResponses.response(request, ResponseCode.MESSAGE_ILLEGAL, timed.remark()));
            case REFUSE_DISABLED:
                return done(SendResponses.response(request, ResponseCode.SYSTEM_ERROR, timed.remark()));
            default:
                break;
        }
        String topic = timed.parks() ? TimerProperties.TIMER_TOPIC : header.topic();
        int storeQueueId = timed.parks() ? TimerProperties.TIMER_QUEUE_ID : queueId;
        List<MessageToStore> messages = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            BatchMessageDecoder.Item item = items.get(i);
            String properties = timed.parks() ? timed.properties().get(i) : encoded.get(i);
            messages.add(new MessageToStore(topic, storeQueueId, item.flag(), header.sysFlag(),
                    header.bornTimestamp(), bornHost, address.storeHost(), 0, 0,
                    properties + clusterProperty, item.body(), waitStoreMsgOk(decoded.get(i))));
        }
        return answer(request, store.putMessages(messages), queueId, null);
    }

    private CompletableFuture<RemotingCommand> answer(RemotingCommand request, PutMessageResult put, int queueId,
                                                      String transactionId) {
        if (!put.isAppended()) {
            return done(SendResponses.response(request, SendResponses.codeOf(put.status()),
                    SendResponses.remarkOf(put.status(), put.reason())));
        }
        AppendMessageResult append = put.append();
        return put.whenDurable().thenApply(durable -> {
            RemotingCommand response = SendResponses.response(request, SendResponses.codeOf(durable.status()),
                    SendResponses.remarkOf(durable.status(), durable.reason()));
            response.putField("msgId", messageIds(append));
            response.putField("queueId", queueId);
            response.putField("queueOffset", append.queueOffset());
            response.putField("transactionId", transactionId);
            return response;
        });
    }

    private String messageIds(AppendMessageResult append) {
        InetSocketAddress storeHost = address.storeHost();
        if (append.messageCount() == 1) {
            return OffsetMessageId.of(storeHost, append.physicalOffset(0));
        }
        StringJoiner ids = new StringJoiner(",");
        for (int i = 0; i < append.messageCount(); i++) {
            ids.add(OffsetMessageId.of(storeHost, append.physicalOffset(i)));
        }
        return ids.toString();
    }

    private static boolean waitStoreMsgOk(Map<String, String> properties) {
        return !"false".equals(properties.get(MessageProperties.WAIT));
    }

    private static SendMessageRequestHeader redirected(SendMessageRequestHeader h, String topic, int queueId) {
        return new SendMessageRequestHeader(h.producerGroup(), topic, h.defaultTopic(), h.defaultTopicQueueNums(),
                queueId, h.sysFlag(), h.bornTimestamp(), h.flag(), h.properties(), h.reconsumeTimes(), h.unitMode(),
                h.maxReconsumeTimes(), h.batch(), h.brokerName());
    }

    private static ByteBuffer bodyOf(ByteBuf body) {
        return body == null || !body.isReadable() ? EMPTY_BODY.duplicate() : body.nioBuffer();
    }

    /** The producer's address; an unresolvable peer (embedded channels) reads as 127.0.0.1:0. */
    private static InetSocketAddress bornHost(RequestContext context) {
        if (context.remoteAddress() instanceof InetSocketAddress inet && !inet.isUnresolved()) {
            return inet;
        }
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private static CompletableFuture<RemotingCommand> done(RemotingCommand response) {
        return CompletableFuture.completedFuture(response);
    }
}
