package org.tidemq.broker.ha.identity;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.tidemq.common.protocol.ClusterInfo;
import org.tidemq.common.remoting.RemotingClient;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

/** GET_BROKER_CLUSTER_INFO from the first of the name servers that answers it. Thread-safe. */
public final class NamesrvClusterInfo implements NamesrvSlaveIdentifier.ClusterInfoSource {
    private final RemotingClient client;
    private final List<String> namesrvAddrs;
    private final long timeoutMs;

    public NamesrvClusterInfo(RemotingClient client, List<String> namesrvAddrs, long timeoutMs) {
        this.client = client;
        this.namesrvAddrs = List.copyOf(namesrvAddrs);
        this.timeoutMs = timeoutMs;
    }

    @Override
    public CompletableFuture<ClusterInfo> fetch() {
        return fetchFrom(0);
    }

    private CompletableFuture<ClusterInfo> fetchFrom(int index) {
        if (index >= namesrvAddrs.size()) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "no name server answered GET_BROKER_CLUSTER_INFO (" + namesrvAddrs + ")"));
        }
        return client.invokeAsync(namesrvAddrs.get(index),
                        RemotingCommand.request(RequestCode.GET_BROKER_CLUSTER_INFO), timeoutMs)
                .thenApply(NamesrvClusterInfo::decode)
                .exceptionallyCompose(failure -> fetchFrom(index + 1));
    }

    private static ClusterInfo decode(RemotingCommand response) {
        if (response.code() != ResponseCode.SUCCESS || response.bodyBytes() == null) {
            throw new IllegalStateException("GET_BROKER_CLUSTER_INFO answered " + response.code() + ": "
                    + response.remark());
        }
        return ClusterInfo.decode(response.bodyBytes());
    }
}
