package org.tidemq.broker.registration;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.common.protocol.RegisterBrokerBody;
import org.tidemq.common.protocol.TopicConfigSerializeWrapper;
import org.tidemq.common.protocol.header.RegisterBrokerRequestHeader;
import org.tidemq.common.protocol.header.RegisterBrokerResponseHeader;
import org.tidemq.common.remoting.RemotingClient;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

/**
 * Sends REGISTER_BROKER / UNREGISTER_BROKER to every configured name server at once (without blocking the caller).
 *
 * <p>The register body is the current topic table (facts §4.7) sent uncompressed with {@code bodyCrc32} = CRC32 of the
 * body &amp; 0x7FFFFFFF (pitfall §13.14). A name server that fails or refuses is logged and retried at the next
 * registration; the others are unaffected. Thread-safe.
 */
public final class NamesrvRegistrar {
    private static final Logger LOG = LoggerFactory.getLogger(NamesrvRegistrar.class);

    /** Outcome of one call to one name server. */
    public record Outcome(String namesrvAddr, boolean ok, String detail) {
    }

    private final RemotingClient client;
    private final List<String> namesrvAddrs;
    private final Supplier<BrokerRegistrationInfo> identity;
    private final Supplier<TopicConfigSerializeWrapper> topicTable;
    private final long timeoutMillis;
    private final Consumer<MasterAddresses> masterListener;

    /**
     * What a successful REGISTER_BROKER answer says about this broker group's master (facts §4.7): filled for a
     * slave whose master is live, else both null.
     *
     * @param haServerAddr the master's HA address {@code brokerIP2:haListenPort}
     * @param masterAddr   the master's client address
     */
    public record MasterAddresses(String haServerAddr, String masterAddr) {
    }

    public NamesrvRegistrar(RemotingClient client, List<String> namesrvAddrs,
                            Supplier<BrokerRegistrationInfo> identity,
                            Supplier<TopicConfigSerializeWrapper> topicTable, long timeoutMillis) {
        this(client, namesrvAddrs, identity, topicTable, timeoutMillis, addresses -> { });
    }

    /**
     * @param masterListener told of the master addresses in every successful register answer (a slave's
     *                       replication learns its master's HA address this way); called on an I/O thread, must
     *                       not block
     */
    public NamesrvRegistrar(RemotingClient client, List<String> namesrvAddrs,
                            Supplier<BrokerRegistrationInfo> identity,
                            Supplier<TopicConfigSerializeWrapper> topicTable, long timeoutMillis,
                            Consumer<MasterAddresses> masterListener) {
        this.masterListener = masterListener;
        this.client = client;
        this.namesrvAddrs = List.copyOf(namesrvAddrs);
        this.identity = identity;
        this.topicTable = topicTable;
        this.timeoutMillis = timeoutMillis;
    }

    public List<String> namesrvAddrs() {
        return namesrvAddrs;
    }

    /** REGISTER_BROKER to every name server; completes when all have answered or failed. */
    public CompletableFuture<List<Outcome>> registerAll() {
        BrokerRegistrationInfo info = identity.get();
        byte[] body = new RegisterBrokerBody(topicTable.get(), List.of()).encode();
        RegisterBrokerRequestHeader header = new RegisterBrokerRequestHeader(info.brokerName(), info.brokerAddr(),
                info.clusterName(), info.haServerAddr(), info.brokerId(), null, false, false, crc32(body), null);
        return callAll(addr -> {
            RemotingCommand request = header.writeTo(RemotingCommand.request(RequestCode.REGISTER_BROKER));
            request.setBody(body);
            return request;
        }, "register", answer -> masterListener.accept(new MasterAddresses(
                blankToNull(answer.field(RegisterBrokerResponseHeader.HA_SERVER_ADDR)),
                blankToNull(answer.field(RegisterBrokerResponseHeader.MASTER_ADDR)))));
    }

    /** UNREGISTER_BROKER to every name server; completes when all have answered or failed. */
    public CompletableFuture<List<Outcome>> unregisterAll() {
        BrokerRegistrationInfo info = identity.get();
        return callAll(addr -> RemotingCommand.request(RequestCode.UNREGISTER_BROKER)
                .putField("brokerName", info.brokerName())
                .putField("brokerAddr", info.brokerAddr())
                .putField("clusterName", info.clusterName())
                .putField("brokerId", info.brokerId()), "unregister", answer -> { });
    }

    /** {@code bodyCrc32} as RocketMQ computes it. */
    public static int crc32(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return (int) (crc.getValue() & 0x7FFFFFFF);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private CompletableFuture<List<Outcome>> callAll(Function<String, RemotingCommand> requests,
                                                     String action, Consumer<RemotingCommand> onSuccess) {
        List<CompletableFuture<Outcome>> calls = new ArrayList<>(namesrvAddrs.size());
        for (String addr : namesrvAddrs) {
            calls.add(call(addr, requests.apply(addr), action, onSuccess));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> calls.stream().map(CompletableFuture::join).toList());
    }

    private CompletableFuture<Outcome> call(String addr, RemotingCommand request, String action,
                                            Consumer<RemotingCommand> onSuccess) {
        CompletableFuture<RemotingCommand> response;
        try {
            response = client.invokeAsync(addr, request, timeoutMillis);
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        return response.handle((answer, error) -> {
            Outcome outcome;
            if (error != null) {
                outcome = new Outcome(addr, false, error.toString());
            } else if (answer.code() != ResponseCode.SUCCESS) {
                outcome = new Outcome(addr, false, "code " + answer.code() + ": " + answer.remark());
            } else {
                outcome = new Outcome(addr, true, null);
                try {
                    onSuccess.accept(answer);
                } catch (RuntimeException e) {
                    LOG.error("handling the {} answer of name server {} failed", action, addr, e);
                }
            }
            if (outcome.ok()) {
                LOG.debug("{} with name server {} ok", action, addr);
            } else {
                LOG.warn("{} with name server {} failed: {}", action, addr, outcome.detail());
            }
            return outcome;
        });
    }
}
