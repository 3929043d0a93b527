package org.tidemq.broker.retry;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.broker.config.BrokerConfig;
import org.tidemq.broker.runtime.AdvertisedAddress;
import org.tidemq.broker.schedule.ParkedMessage;
import org.tidemq.broker.schedule.ScheduleProperties;
import org.tidemq.broker.subscription.SubscriptionGroupManager;
import org.tidemq.broker.topic.GroupTopics;
import org.tidemq.broker.topic.TopicConfigManager;
import org.tidemq.common.message.MessageProperties;
import org.tidemq.common.message.OffsetMessageId;
import org.tidemq.common.message.StoredMessage;
import org.tidemq.common.message.StoredMessageDecoder;
import org.tidemq.common.protocol.Perm;
import org.tidemq.common.protocol.SubscriptionGroupConfig;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.common.protocol.header.MissingHeaderFieldException;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RemotingVersion;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.store.MessageStore;
import org.tidemq.store.PutMessageResult;
import org.tidemq.store.mappedfile.MappedBufferSlice;
import org.tidemq.store.message.MessageToStore;

/**
 * CONSUMER_SEND_MSG_BACK (36), facts §4.4: a consumer hands back a message it failed to process. The broker reads
 * the original record by its commit-log offset and stores a copy — same body (still compressed if it was), flag,
 * sysFlag, born time and host, properties, keys and tags — in {@code %RETRY%<group>} (a random queue below the
 * group's {@code retryQueueNums}) or, per {@link RetryDecision}, in {@code %DLQ%<group>} (1 queue, perm 6, created
 * on demand). The copy's RECONSUMETIMES is the original's + 1; {@code RETRY_TOPIC} (the original topic) and
 * {@code ORIGIN_MESSAGE_ID} (the original's offset message id) are set only if absent, so they keep naming the first
 * message across retries; {@code WAIT=false}, so the answer does not wait for a flush.
 *
 * <p>A retry is parked in the schedule topic at {@link RetryDecision#scheduledDelayLevel()} (3 + reconsume times
 * unless the consumer asked for a level; clamped to the highest configured level) with the retry topic and queue as
 * its real destination, so it becomes consumable in {@code %RETRY%<group>} only once its delay has passed
 * ({@link org.tidemq.broker.schedule.ScheduleMessageService}). Dead letters are stored in the DLQ at once.
 *
 * <p>Answers SUCCESS once the copy is appended (also, as RocketMQ does, at once when the group has
 * {@code retryQueueNums} 0); SUBSCRIPTION_GROUP_NOT_EXIST, NO_PERMISSION, SERVICE_NOT_AVAILABLE on a slave (which
 * must not write; clients send back to the master), or SYSTEM_ERROR naming the problem
 * (no message at the offset, store refusal). Thread-safe; runs on the send executor.
 */
public final class ConsumerSendMsgBackProcessor implements RequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerSendMsgBackProcessor.class);
    static final String RETRY_TOPIC = "RETRY_TOPIC";
    static final String ORIGIN_MESSAGE_ID = "ORIGIN_MESSAGE_ID";

    private final MessageStore store;
    private final TopicConfigManager topics;
    private final SubscriptionGroupManager groups;
    private final AdvertisedAddress address;
    private final Supplier<BrokerConfig> liveConfig;
    private final Runnable onTopicCreated;

    /**
     * @param liveConfig     the broker's configuration as changed at runtime (brokerPermission)
     * @param onTopicCreated told after a retry or DLQ topic was created (re-registers with name servers)
     */
    public ConsumerSendMsgBackProcessor(MessageStore store, TopicConfigManager topics,
                                        SubscriptionGroupManager groups, AdvertisedAddress address,
                                        Supplier<BrokerConfig> liveConfig, Runnable onTopicCreated) {
        this.store = store;
        this.topics = topics;
        this.groups = groups;
        this.address = address;
        this.liveConfig = liveConfig;
        this.onTopicCreated = onTopicCreated;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request)
            throws IOException {
        SendBackRequestHeader header;
        try {
            header = SendBackRequestHeader.parse(request);
        } catch (MissingHeaderFieldException e) {
            return done(request, ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
        BrokerConfig live = liveConfig.get();
        if (!live.identity().isMaster()) {
            return done(request, ResponseCode.SERVICE_NOT_AVAILABLE,
                    "the broker[" + address.host() + "] is a slave, send messages back to its master");
        }
        Optional<SubscriptionGroupConfig> group = groups.findOrCreate(header.group());
        if (group.isEmpty()) {
            return done(request, ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST,
                    "subscription group not exist, " + header.group());
        }
        if (!Perm.isWriteable(live.identity().brokerPermission())) {
            return done(request, ResponseCode.NO_PERMISSION,
                    "the broker[" + address.host() + "] sending message is forbidden");
        }
        SubscriptionGroupConfig config = group.get();
        if (config.retryQueueNums() <= 0) {
            return done(request, ResponseCode.SUCCESS, null);
        }
        TopicConfig retryTopic = ensureTopic(topics.select(GroupTopics.retryTopic(header.group())),
                () -> topics.createRetryTopicIfAbsent(header.group()));
        if (!Perm.isWriteable(retryTopic.perm())) {
            return done(request, ResponseCode.NO_PERMISSION,
                    "the topic[" + retryTopic.topicName() + "] sending message is forbidden");
        }
        MappedBufferSlice record = store.selectOneMessageByOffset(header.offset());
        if (record == null) {
            return done(request, ResponseCode.SYSTEM_ERROR, "look message by offset failed, " + header.offset());
        }
        try {
            StoredMessage original = StoredMessageDecoder.decodeOne(record.buffer().duplicate());
            if (original == null) {
                return done(request, ResponseCode.SYSTEM_ERROR,
                        "look message by offset failed, " + header.offset() + ": not a valid record");
            }
            int max = config.retryMaxTimes();
            if (request.version() >= RemotingVersion.V3_4_9 && header.maxReconsumeTimes() != null) {
                max = header.maxReconsumeTimes();
            }
            RetryDecision decision = RetryDecision.forSendBack(header.group(), original.reconsumeTimes(), max,
                    header.delayLevel());
            int queueId;
            if (decision.deadLetter()) {
                ensureTopic(topics.select(decision.topic()), () -> topics.createDlqTopicIfAbsent(header.group()));
                queueId = 0;
            } else {
                queueId = ThreadLocalRandom.current().nextInt(config.retryQueueNums());
            }
            // The append copies the body out of the original record before it returns; release only after it.
            PutMessageResult put = store.putMessage(retryCopy(original, decision, queueId));
            if (!put.isAppended()) {
                return done(request, ResponseCode.SYSTEM_ERROR,
                        put.status().name() + (put.reason() == null ? "" : ": " + put.reason()));
            }
            if (decision.deadLetter()) {
                LOG.info("message at offset {} of group {} sent to {} after {} consumptions", header.offset(),
                        header.group(), decision.topic(), original.reconsumeTimes());
            }
            return done(request, ResponseCode.SUCCESS, null);
        } finally {
            record.release();
        }
    }

    private MessageToStore retryCopy(StoredMessage original, RetryDecision decision, int queueId) {
        Map<String, String> properties = MessageProperties.decode(original.properties());
        properties.putIfAbsent(RETRY_TOPIC, original.topic());
        String originId = properties.get(ORIGIN_MESSAGE_ID);
        if (originId == null || originId.isBlank()) {
            properties.put(ORIGIN_MESSAGE_ID,
                    new OffsetMessageId(original.storeHost(), original.physicalOffset()).encode());
        }
        properties.put(MessageProperties.WAIT, "false");
        String topic = decision.topic();
        int storeQueueId = queueId;
        String encoded;
        if (!decision.deadLetter() && decision.scheduledDelayLevel() > 0) {
            ParkedMessage parked = ParkedMessage.park(topic, queueId, properties, decision.scheduledDelayLevel(),
                    liveConfig.get().messages().messageDelayLevel());
            topic = parked.topic();
            storeQueueId = parked.queueId();
            encoded = parked.properties();
        } else {
            properties.remove(ScheduleProperties.DELAY);
            encoded = MessageProperties.encode(properties);
        }
        return new MessageToStore(topic, storeQueueId, original.flag(), original.sysFlag(),
                original.bornTimestamp(), original.bornHost(), address.storeHost(), decision.reconsumeTimes(), 0,
                encoded, original.body(), false);
    }

    private TopicConfig ensureTopic(TopicConfig existing, TopicCreation creation) throws IOException {
        if (existing != null) {
            return existing;
        }
        TopicConfig created = creation.create();
        onTopicCreated.run();
        return created;
    }

    @FunctionalInterface
    private interface TopicCreation {
        TopicConfig create() throws IOException;
    }

    private static CompletableFuture<RemotingCommand> done(RemotingCommand request, int code, String remark) {
        return CompletableFuture.completedFuture(RemotingCommand.responseTo(request, code, remark));
    }
}
