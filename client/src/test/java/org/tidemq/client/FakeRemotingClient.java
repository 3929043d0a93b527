package org.tidemq.client;

import io.netty.buffer.ByteBufUtil;
import org.tidemq.common.remoting.ChannelEventListener;
import org.tidemq.common.remoting.RemotingClient;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RemotingException;
import org.tidemq.common.remoting.RequestProcessor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.BiFunction;

/**
 * A scripted transport: every request is recorded (with a copy of its body, which is then released as the real
 * transport would) and answered by the handler registered for its code.
 */
public final class FakeRemotingClient implements RemotingClient {

    /** One request as the peer would have seen it. */
    public record Sent(String address, int code, boolean oneway, Map<String, String> fields, byte[] body) {
        public String field(String name) {
            return fields.get(name);
        }
    }

    private final Map<Integer, BiFunction<String, Sent, CompletableFuture<RemotingCommand>>> handlers = new HashMap<>();
    private final List<Sent> sent = new ArrayList<>();

    public synchronized FakeRemotingClient on(int code, BiFunction<String, Sent, CompletableFuture<RemotingCommand>> handler) {
        handlers.put(code, handler);
        return this;
    }

    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    public synchronized List<Sent> sent(int code) {
        return sent.stream().filter(s -> s.code() == code).toList();
    }

    public static CompletableFuture<RemotingCommand> answer(int code, String remark, Map<String, String> fields,
                                                            byte[] body) {
        RemotingCommand response = new RemotingCommand().setCode(code).setRemark(remark)
                .setFlag(RemotingCommand.FLAG_RESPONSE);
        fields.forEach(response::putField);
        if (body != null) {
            response.setBody(body);
        }
        return CompletableFuture.completedFuture(response);
    }

    public static CompletableFuture<RemotingCommand> ioFailure(String address) {
        return CompletableFuture.failedFuture(new RemotingException.ConnectException(address, null));
    }

    private Sent record(String address, RemotingCommand request) {
        byte[] body = request.body() == null ? null : ByteBufUtil.getBytes(request.body());
        request.releaseBody();
        Sent entry = new Sent(address, request.code(), request.isOneway(),
                request.extFields() == null ? Map.of() : Map.copyOf(request.extFields()), body);
        synchronized (this) {
            sent.add(entry);
        }
        return entry;
    }

    private synchronized BiFunction<String, Sent, CompletableFuture<RemotingCommand>> handler(int code) {
        return handlers.get(code);
    }

    @Override
    public CompletableFuture<RemotingCommand> invokeAsync(String address, RemotingCommand request, long timeoutMillis) {
        Sent entry = record(address, request);
        BiFunction<String, Sent, CompletableFuture<RemotingCommand>> handler = handler(request.code());
        if (handler == null) {
            return answer(0, null, Map.of(), null);
        }
        return handler.apply(address, entry);
    }

    @Override
    public RemotingCommand invokeSync(String address, RemotingCommand request, long timeoutMillis) {
        return invokeAsync(address, request, timeoutMillis).join();
    }

    @Override
    public CompletableFuture<Void> invokeOneway(String address, RemotingCommand request, long timeoutMillis) {
        record(address, request);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void registerProcessor(int requestCode, RequestProcessor processor, ExecutorService executor) {
    }

    @Override
    public void registerChannelListener(ChannelEventListener listener) {
    }

    @Override
    public void start() {
    }

    @Override
    public void closeChannel(String address) {
    }

    @Override
    public void shutdown() {
    }
}
