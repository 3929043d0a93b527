package org.tidemq.client.route;

import org.tidemq.common.protocol.TopicRouteData;
import org.tidemq.common.remoting.RemotingClient;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RemotingException;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Asks name servers for topic routes the way RocketMQ clients do (facts §8): the list is shuffled once, the client
 * sticks to one name server and moves to the next only when a call to it fails; one lookup tries each name server at
 * most once.
 *
 * <p>Thread-safe.
 */
public final class NameServerClient {
    private final RemotingClient remoting;
    private final List<String> addresses;
    private final long timeoutMillis;
    private final AtomicInteger current = new AtomicInteger();

    public NameServerClient(RemotingClient remoting, List<String> addresses, long timeoutMillis) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("at least one name server address is required");
        }
        this.remoting = remoting;
        List<String> shuffled = new ArrayList<>(addresses);
        Collections.shuffle(shuffled);
        this.addresses = List.copyOf(shuffled);
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * The topic's route. Completes exceptionally with {@link TopicRouteNotFoundException} when the name server has no
     * route, or with a {@link RemotingException} (wrapped in a {@link CompletionException}) when no name server
     * answered; other error codes fail with an {@link IllegalStateException} naming code and remark.
     */
    public CompletableFuture<TopicRouteData> fetchRoute(String topic) {
        return fetchRoute(topic, 0);
    }

    /** The name servers, in the order this client tries them. */
    public List<String> addresses() {
        return addresses;
    }

    /**
     * Sends a request built by {@code request} to the current name server, moving on to the next one when the call
     * fails at the transport level (each tried at most once). Completes with the response whatever its code.
     */
    public CompletableFuture<RemotingCommand> invoke(Supplier<RemotingCommand> request) {
        return invoke(request, 0);
    }

    private CompletableFuture<RemotingCommand> invoke(Supplier<RemotingCommand> request, int attempt) {
        int index = current.get();
        String address = addresses.get(Math.floorMod(index, addresses.size()));
        return remoting.invokeAsync(address, request.get(), timeoutMillis)
                .handle((response, error) -> {
                    if (error != null) {
                        current.compareAndSet(index, index + 1);
                        if (attempt + 1 < addresses.size()) {
                            return invoke(request, attempt + 1);
                        }
                        return CompletableFuture.<RemotingCommand>failedFuture(error);
                    }
                    return CompletableFuture.completedFuture(response);
                })
                .thenCompose(future -> future);
    }

    private CompletableFuture<TopicRouteData> fetchRoute(String topic, int attempt) {
        int index = current.get();
        String address = addresses.get(Math.floorMod(index, addresses.size()));
        RemotingCommand request = RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC).putField("topic", topic);
        return remoting.invokeAsync(address, request, timeoutMillis)
                .handle((response, error) -> {
                    if (error != null) {
                        current.compareAndSet(index, index + 1);
                        if (attempt + 1 < addresses.size()) {
                            return fetchRoute(topic, attempt + 1);
                        }
                        return CompletableFuture.<TopicRouteData>failedFuture(error);
                    }
                    return CompletableFuture.completedFuture(decode(topic, address, response));
                })
                .thenCompose(future -> future);
    }

    private static TopicRouteData decode(String topic, String address, RemotingCommand response) {
        if (response.code() == ResponseCode.TOPIC_NOT_EXIST) {
            throw new TopicRouteNotFoundException(topic, response.remark());
        }
        if (response.code() != ResponseCode.SUCCESS) {
            throw new IllegalStateException("name server " + address + " answered GET_ROUTEINFO_BY_TOPIC for " + topic
                    + " with code " + response.code() + " (" + ResponseCode.nameOf(response.code()) + "): "
                    + response.remark());
        }
        byte[] body = response.bodyBytes();
        if (body == null || body.length == 0) {
            throw new IllegalStateException("name server " + address + " sent an empty route for " + topic);
        }
        return TopicRouteData.decode(body);
    }
}
