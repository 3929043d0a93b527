package org.tidemq.broker.transaction;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.store.PutMessageStatus;

/**
 * END_TRANSACTION (37): header {@code producerGroup}, {@code tranStateTableOffset}, {@code commitLogOffset},
 * {@code commitOrRollback} (8 commit, 12 rollback, 0 unknown), {@code fromTransactionCheck}, {@code msgId},
 * {@code transactionId}. The half message is found by its CommitLog offset and resolved by the
 * {@link TransactionResolver}; a duplicate is answered SUCCESS without effect. Clients send it oneway, so the answer
 * (when asked for) is informational. A broker without a resolver (a slave) answers SLAVE_NOT_AVAILABLE.
 *
 * <p>Thread-safe.
 */
public final class EndTransactionProcessor implements RequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(EndTransactionProcessor.class);

    private final Supplier<TransactionResolver> resolver;

    /** @param resolver the master's resolver; yields null on a slave */
    public EndTransactionProcessor(Supplier<TransactionResolver> resolver) {
        this.resolver = resolver;
    }

    @Override
    public CompletableFuture<RemotingCommand> process(RequestContext context, RemotingCommand request) {
        Long commitLogOffset = request.longField("commitLogOffset");
        Integer commitOrRollback = request.intField("commitOrRollback");
        String producerGroup = request.field("producerGroup");
        if (commitLogOffset == null || commitOrRollback == null || producerGroup == null) {
            return done(request, ResponseCode.SYSTEM_ERROR,
                    "END_TRANSACTION needs the header fields commitLogOffset, commitOrRollback and producerGroup");
        }
        TransactionResolver current = resolver.get();
        if (current == null) {
            return done(request, ResponseCode.SLAVE_NOT_AVAILABLE,
                    "this broker is not a master; it does not resolve transactions");
        }
        TransactionResolver.Result result = current.end(commitLogOffset, producerGroup, commitOrRollback);
        boolean fromCheck = request.boolField("fromTransactionCheck");
        switch (result.outcome()) {
            case COMMITTED:
                return result.put().whenDurable().thenApply(durable -> durable.status() == PutMessageStatus.PUT_OK
                        ? RemotingCommand.successTo(request)
                        : RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                                "committed, but not yet durable: " + durable.status()));
            case ROLLED_BACK:
            case UNKNOWN_IGNORED:
                return done(request, ResponseCode.SUCCESS, result.detail());
            case ALREADY_RESOLVED:
                LOG.info("END_TRANSACTION from {} (group {}, fromCheck {}): {}", context.remoteAddressText(),
                        producerGroup, fromCheck, result.detail());
                return done(request, ResponseCode.SUCCESS, result.detail());
            case WRONG_GROUP:
                LOG.warn("END_TRANSACTION from {} refused: {}", context.remoteAddressText(), result.detail());
                return done(request, ResponseCode.SYSTEM_ERROR, result.detail());
            default:
                LOG.warn("END_TRANSACTION from {} (group {}, commitLogOffset {}) failed: {}",
                        context.remoteAddressText(), producerGroup, commitLogOffset, result.detail());
                return done(request, ResponseCode.SYSTEM_ERROR, result.detail());
        }
    }

    private static CompletableFuture<RemotingCommand> done(RemotingCommand request, int code, String remark) {
        return CompletableFuture.completedFuture(RemotingCommand.responseTo(request, code, remark));
    }
}
