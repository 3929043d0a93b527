package org.tidemq.client.producer.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.client.MessageQueue;
import org.tidemq.client.producer.LocalTransactionState;
import org.tidemq.client.producer.Message;
import org.tidemq.client.producer.ProducerConfig;
import org.tidemq.client.producer.QueueSelector;
import org.tidemq.client.producer.SendException;
import org.tidemq.client.producer.SendResult;
import org.tidemq.client.producer.SendStatus;
import org.tidemq.client.producer.TransactionListener;
import org.tidemq.client.producer.TransactionProducer;
import org.tidemq.client.producer.TransactionSendResult;
import org.tidemq.common.message.OffsetMessageId;
import org.tidemq.common.message.UniqueMessageIdGenerator;
import org.tidemq.common.remoting.RemotingClient;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.netty.NettyClientConfig;
import org.tidemq.common.remoting.netty.NettyRemotingClient;

/**
 * The {@link TransactionProducer}: a {@link DefaultProducer} sharing its transport with a
 * {@link TransactionCheckHandler} (broker checks, on one daemon thread). END_TRANSACTION goes to the broker that
 * stored the prepared message, named by the store host in its offset message id.
 */
public final class DefaultTransactionProducer implements TransactionProducer {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultTransactionProducer.class);

    private final DefaultProducer producer;
    private final RemotingClient remoting;
    private final boolean ownsRemoting;
    private final TransactionListener listener;
    private final ExecutorService checkExecutor;
    private final ProducerConfig config;

    /** Parameters as for {@link DefaultProducer}, plus the listener running and checking local transactions. */
    public DefaultTransactionProducer(ProducerConfig config, RemotingClient remotingClient,
                                      ScheduledExecutorService scheduler, LongSupplier clock,
                                      UniqueMessageIdGenerator ids, TransactionListener listener) {
        this.config = config;
        this.listener = listener;
        this.ownsRemoting = remotingClient == null;
        this.remoting = ownsRemoting ? new NettyRemotingClient(NettyClientConfig.defaults()) : remotingClient;
        this.producer = new DefaultProducer(config, remoting, scheduler, clock, ids);
        this.checkExecutor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tidemq-transaction-check-" + config.group());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void start() {
        remoting.registerProcessor(RequestCode.CHECK_TRANSACTION_STATE,
                new TransactionCheckHandler(config.group(), listener, remoting, config.sendTimeoutMillis()),
                checkExecutor);
        if (ownsRemoting) {
            remoting.start();
        }
        producer.start();
    }

    @Override
    public TransactionSendResult sendInTransaction(Message message, Object arg) {
        SendResult sent = producer.awaitOutcome(producer.sendPreparedAsync(message));
        LocalTransactionState state = LocalTransactionState.ROLLBACK;
        String remark = null;
        if (sent.status() == SendStatus.SEND_OK) {
            try {
                state = listener.executeLocalTransaction(message, sent.msgId(), arg);
            } catch (RuntimeException e) {
                LOG.warn("local transaction {} failed; the broker will check back", sent.msgId(), e);
                state = null;
                remark = "executeLocalTransaction failed: " + e;
            }
            if (state == null) {
                state = LocalTransactionState.UNKNOWN;
            }
        }
        endTransaction(sent, state, remark);
        return new TransactionSendResult(sent, sent.msgId(), state);
    }

    private void endTransaction(SendResult sent, LocalTransactionState state, String remark) {
        OffsetMessageId stored;
        try {
            stored = OffsetMessageId.decode(sent.offsetMsgId());
        } catch (RuntimeException e) {
            throw new SendException("the broker's answer names no usable offset message id ("
                    + sent.offsetMsgId() + "); cannot end transaction " + sent.msgId(), e);
        }
        String broker = RequestContext.addressText(stored.storeHost());
        CompletableFuture<Void> written = remoting.invokeOneway(broker, EndTransactionRequest.of(config.group(),
                sent.queueOffset(), stored.commitLogOffset(), state, false, sent.msgId(), remark),
                config.sendTimeoutMillis());
        written.whenComplete((ignored, error) -> {
            if (error != null) {
                LOG.warn("reporting {} for transaction {} to {} failed; the broker will check back: {}", state,
                        sent.msgId(), broker, error.toString());
            }
        });
    }

    @Override
    public SendResult send(Message message) {
        return producer.send(message);
    }

    @Override
    public CompletableFuture<SendResult> sendAsync(Message message) {
        return producer.sendAsync(message);
    }

    @Override
    public void sendOneway(Message message) {
        producer.sendOneway(message);
    }

    @Override
    public SendResult send(List<Message> batch) {
        return producer.send(batch);
    }

    @Override
    public CompletableFuture<SendResult> sendAsync(List<Message> batch) {
        return producer.sendAsync(batch);
    }

    @Override
    public SendResult send(Message message, QueueSelector selector) {
        return producer.send(message, selector);
    }

    @Override
    public CompletableFuture<SendResult> sendAsync(Message message, QueueSelector selector) {
        return producer.sendAsync(message, selector);
    }

    @Override
    public List<MessageQueue> writableQueues(String topic) {
        return producer.writableQueues(topic);
    }

    @Override
    public ProducerConfig config() {
        return config;
    }

    @Override
    public void close() {
        producer.close();
        checkExecutor.shutdownNow();
        if (ownsRemoting) {
            remoting.shutdown();
        }
    }
}
