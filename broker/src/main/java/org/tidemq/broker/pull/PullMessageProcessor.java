package org.tidemq.broker.pull;

import io.netty.channel.Channel;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.broker.client.ConsumerGroupInfo;
import org.tidemq.broker.client.ConsumerRegistry;
import org.tidemq.broker.client.SubscriptionData;
import org.tidemq.broker.config.BrokerConfig;
import org.tidemq.broker.filter.CheckClientConfigProcessor;
import org.tidemq.broker.filter.SqlFilterCache;
import org.tidemq.broker.filter.SqlMessageFilter;
import org.tidemq.broker.ha.PullSourceAdvisor;
import org.tidemq.broker.offset.ConsumerOffsetManager;
import org.tidemq.broker.stats.GroupGetRecorder;
import org.tidemq.broker.subscription.SubscriptionGroupManager;
import org.tidemq.broker.topic.TopicConfigManager;
import org.tidemq.common.protocol.Perm;
import org.tidemq.common.protocol.SubscriptionGroupConfig;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.common.protocol.header.MissingHeaderFieldException;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.store.GetMessageResult;
import org.tidemq.store.GetMessageStatus;
import org.tidemq.store.MessageFilter;
import org.tidemq.store.MessageStore;

/**
 * PULL_MESSAGE (11) and LITE_PULL_MESSAGE (361, same header and answers), facts §4.2 and §9.7.
 *
 * <p>The subscription comes from the request when it carries one (sysFlag bit 4), else from the group's heartbeat.
 * Found records are sent as views of the mapped CommitLog ({@link PullResponseBody}). Every answer carries
 * {@code suggestWhichBrokerId}, {@code nextBeginOffset}, {@code minOffset} and {@code maxOffset}. A pull that finds
 * nothing and may be suspended is parked in {@link LongPollingService}; its future completes when it is re-run, so no
 * thread waits for it. Thread-safe.
 */
public final class PullMessageProcessor implements RequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(PullMessageProcessor.class);

    private final BrokerConfig config;
    private final Supplier<BrokerConfig> liveConfig;
    private final MessageStore store;
    private final TopicConfigManager topics;
    private final SubscriptionGroupManager groups;
    private final ConsumerRegistry consumers;
    private final ConsumerOffsetManager offsets;
    private final LongSupplier clockMillis;
    private final PullSourceAdvisor pullSource;
    private LongPollingService longPolling;
    private Executor resumeExecutor;
    private final SqlFilterCache sqlFilters = new SqlFilterCache();
    private volatile GroupGetRecorder getRecorder = GroupGetRecorder.NONE;

    public PullMessageProcessor(BrokerConfig config, MessageStore store, TopicConfigManager topics,
                                SubscriptionGroupManager groups, ConsumerRegistry consumers,
                                ConsumerOffsetManager offsets, LongSupplier clockMillis) {
        this(config, () -> config, store, topics, groups, consumers, offsets, clockMillis);
    }

    /** @param liveConfig the configuration as changed at runtime (brokerPermission, max transfer count/bytes) */
    public PullMessageProcessor(BrokerConfig config, Supplier<BrokerConfig> liveConfig, MessageStore store,
                                TopicConfigManager topics, SubscriptionGroupManager groups,
                                ConsumerRegistry consumers, ConsumerOffsetManager offsets, LongSupplier clockMillis) {
        this.config = config;
        this.liveConfig = liveConfig;
        this.store = store;
        this.topics = topics;
        this.groups = groups;
        this.consumers = consumers;
        this.offsets = offsets;
        this.clockMillis = clockMillis;
        this.pullSource = new PullSourceAdvisor(config, PullSourceAdvisor.physicalMemoryBytes(),
                store::getMaxPhyOffset);
    }

    /** Tells {@code recorder} about every pull that returns messages (GROUP_GET_NUMS); call before traffic. */
    public void recordGetsTo(GroupGetRecorder recorder) {
        this.getRecorder = recorder;
    }

    /**
     * A long-polling service whose woken pulls this processor re-runs on {@code executor}; call once, before
     * traffic. Its resumer is {@link #resume}.
     */
    public LongPollingService createLongPolling(Executor executor) {
        this.resumeExecutor = executor;
        this.longPolling = new LongPollingService(store::getMaxOffsetInQueue, clockMillis, this::resume);
        return longPolling;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request)
            throws IOException {
        return pull(context.channel(), request, true);
    }

    /** Re-runs a woken pull without suspension on the pull executor and completes its future. */
    void resume(ParkedPull pull) {
        Runnable rerun = () -> {
            try {
                pull(pull.channel(), pull.request(), false).whenComplete((response, error) -> {
                    if (error != null) {
                        pull.response().completeExceptionally(error);
                    } else {
                        pull.response().complete(response);
                    }
                });
            } catch (IOException | RuntimeException e) {
                pull.response().completeExceptionally(e);
            }
        };
        try {
            resumeExecutor.execute(rerun);
        } catch (RejectedExecutionException e) {
            LOG.warn("pull executor refused a woken pull of {}@{}: answering SYSTEM_BUSY", pull.topic(),
                    pull.queueId());
            pull.response().complete(RemotingCommand.responseTo(pull.request(), ResponseCode.SYSTEM_BUSY,
                    "[OVERLOAD]system busy, start flow control for a while"));
        }
    }

    private CompletableFuture<RemotingCommand> pull(Channel channel, RemotingCommand request, boolean allowSuspend)
            throws IOException {
        PullMessageRequestHeader header;
        try {
            header = PullMessageRequestHeader.parse(request);
        } catch (MissingHeaderFieldException e) {
            return done(RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, e.getMessage()));
        }
        PullCheck check = check(request, header);
        if (check.refusal() != null) {
            return done(check.refusal());
        }
        var flow = liveConfig.get().flow();
        int maxBytes = header.maxMsgBytes() != null && header.maxMsgBytes() > 0 ? header.maxMsgBytes()
                : flow.maxTransferBytesOnMessageInMemory();
        int maxNums = Math.min(Math.max(1, header.maxMsgNums()), flow.maxTransferCountOnMessageInMemory());
        GetMessageResult result = store.getMessage(header.topic(), header.queueId(), header.queueOffset(), maxNums,
                maxBytes, check.filter());
        if (allowSuspend && PullSysFlag.hasCommitOffset(header.sysFlag()) && config.identity().isMaster()) {
            offsets.commitOffset(header.consumerGroup(), header.topic(), header.queueId(), header.commitOffset());
        }
        int code = codeOf(result.status(), header.queueOffset());
        RemotingCommand response = RemotingCommand.responseTo(request, code, result.status().name())
                .putField("suggestWhichBrokerId", pullSource.suggest(result))
                .putField("nextBeginOffset", result.nextBeginOffset())
                .putField("minOffset", result.minOffset())
                .putField("maxOffset", result.maxOffset());
        if (code == ResponseCode.SUCCESS) {
            getRecorder.recordGet(header.consumerGroup(), header.topic(), result.messageCount(),
                    result.bufferTotalSize());
            response.setBody(PullResponseBody.of(result));
            return done(response);
        }
        result.release();
        if (code == ResponseCode.PULL_NOT_FOUND && allowSuspend && PullSysFlag.hasSuspend(header.sysFlag())) {
            long hold = config.flow().longPollingEnable() ? header.suspendTimeoutMillis()
                    : config.flow().shortPollingTimeMills();
            CompletableFuture<RemotingCommand> later = new CompletableFuture<>();
            longPolling.park(new ParkedPull(channel, request, header.topic(), header.queueId(),
                    header.queueOffset(), clockMillis.getAsLong() + hold, later));
            return later;
        }
        return done(response);
    }

    /** The store filter of the subscription, or the refusal to answer. */
    private record PullCheck(MessageFilter filter, RemotingCommand refusal) {
        static PullCheck refuse(RemotingCommand request, int code, String remark) {
            return new PullCheck(null, RemotingCommand.responseTo(request, code, remark));
        }
    }

    private PullCheck check(RemotingCommand request, PullMessageRequestHeader header) throws IOException {
        if (!Perm.isReadable(liveConfig.get().identity().brokerPermission())) {
            return PullCheck.refuse(request, ResponseCode.NO_PERMISSION,
                    "the broker[" + config.network().brokerIP1() + "] pulling message is forbidden");
        }
        Optional<SubscriptionGroupConfig> group = groups.findOrCreate(header.consumerGroup());
        if (group.isEmpty()) {
            return PullCheck.refuse(request, ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST,
                    "subscription group [" + header.consumerGroup() + "] does not exist");
        }
        if (!group.get().consumeEnable()) {
            return PullCheck.refuse(request, ResponseCode.NO_PERMISSION,
                    "subscription group no permission, " + header.consumerGroup());
        }
        TopicConfig topic = topics.select(header.topic());
        if (topic == null) {
            return PullCheck.refuse(request, ResponseCode.TOPIC_NOT_EXIST,
                    "topic[" + header.topic() + "] not exist, apply first please!");
        }
        if (!Perm.isReadable(topic.perm())) {
            return PullCheck.refuse(request, ResponseCode.NO_PERMISSION,
                    "the topic[" + header.topic() + "] pulling message is forbidden");
        }
        if (header.queueId() < 0 || header.queueId() >= topic.readQueueNums()) {
            return PullCheck.refuse(request, ResponseCode.SYSTEM_ERROR,
                    "queueId[" + header.queueId() + "] is illegal, topic:[" + header.topic()
                            + "] topicConfig.readQueueNums:[" + topic.readQueueNums() + "]");
        }
        return subscription(request, header);
    }

    private PullCheck subscription(RemotingCommand request, PullMessageRequestHeader header) {
        if (PullSysFlag.hasSubscription(header.sysFlag())) {
            String type = header.expressionType();
            if (type != null && !type.isEmpty() && !SubscriptionData.TAG_TYPE.equalsIgnoreCase(type)) {
                return sqlFilter(request, header, type, header.subscription(), ResponseCode.SUBSCRIPTION_PARSE_FAILED,
                        "parse the consumer's subscription failed: ");
            }
            return new PullCheck(TagFilter.of(SubscriptionData.ofTagExpression(header.topic(), header.subscription(),
                    header.subVersion())), null);
        }
        ConsumerGroupInfo info = consumers.group(header.consumerGroup());
        if (info == null) {
            return PullCheck.refuse(request, ResponseCode.SUBSCRIPTION_NOT_EXIST,
                    "the consumer's group info not exist, group: " + header.consumerGroup());
        }
        SubscriptionData registered = info.subscription(header.topic());
        if (registered == null) {
            return PullCheck.refuse(request, ResponseCode.SUBSCRIPTION_NOT_EXIST,
                    "the consumer's subscription not exist, group: " + header.consumerGroup() + " topic: "
                            + header.topic());
        }
        if (registered.subVersion() < header.subVersion()) {
            return PullCheck.refuse(request, ResponseCode.SUBSCRIPTION_NOT_LATEST,
                    "the consumer's subscription not latest");
        }
        if (!registered.isTagType()) {
            return sqlFilter(request, header, registered.expressionType(), registered.subString(),
                    ResponseCode.FILTER_DATA_NOT_EXIST,
                    "The broker's consumer filter data is not exist!Your expression may be wrong! ");
        }
        return new PullCheck(TagFilter.of(registered), null);
    }

    /** An SQL92 filter compiled once per (group, topic, expression), or RocketMQ's refusal. */
    private PullCheck sqlFilter(RemotingCommand request, PullMessageRequestHeader header, String type,
                                String expression, int parseFailureCode, String parseFailurePrefix) {
        if (!CheckClientConfigProcessor.SQL92.equals(type)) {
            return PullCheck.refuse(request, ResponseCode.SUBSCRIPTION_PARSE_FAILED,
                    CheckClientConfigProcessor.unsupportedType(type));
        }
        SqlFilterCache.Compiled compiled = sqlFilters.compile(header.consumerGroup(), header.topic(), expression);
        if (!compiled.ok()) {
            return PullCheck.refuse(request, parseFailureCode, parseFailurePrefix + compiled.error());
        }
        if (!liveConfig.get().messages().enablePropertyFilter()) {
            return PullCheck.refuse(request, ResponseCode.SYSTEM_ERROR,
                    CheckClientConfigProcessor.unsupportedType(type));
        }
        return new PullCheck(new SqlMessageFilter(compiled.expression()), null);
    }

    /** Store status → pull response code (facts §4.2). */
    static int codeOf(GetMessageStatus status, long requestedOffset) {
        return switch (status) {
            case FOUND -> ResponseCode.SUCCESS;
            case NO_MATCHED_MESSAGE, MESSAGE_WAS_REMOVING -> ResponseCode.PULL_RETRY_IMMEDIATELY;
            case NO_MATCHED_LOGIC_QUEUE, NO_MESSAGE_IN_QUEUE -> requestedOffset != 0
                    ? ResponseCode.PULL_OFFSET_MOVED : ResponseCode.PULL_NOT_FOUND;
            case OFFSET_FOUND_NULL, OFFSET_OVERFLOW_ONE -> ResponseCode.PULL_NOT_FOUND;
            case OFFSET_OVERFLOW_BADLY, OFFSET_TOO_SMALL -> ResponseCode.PULL_OFFSET_MOVED;
        };
    }

    private static CompletableFuture<RemotingCommand> done(RemotingCommand response) {
        return CompletableFuture.completedFuture(response);
    }
}
