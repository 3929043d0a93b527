package org.tidemq.bench.namesrv;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tidemq.common.remoting.LanguageCode;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RemotingVersion;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.common.remoting.SerializeType;
import org.tidemq.common.remoting.codec.RemotingCommandEncoder;
import org.tidemq.common.remoting.codec.RemotingFrame;
import org.tidemq.common.remoting.codec.RemotingFrameDecoder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load generator's connection against a scripted server: what it sends must be what the official client sends,
 * and every wrong answer (code, body, opaque, lost response) must be counted as an error — otherwise the benchmark
 * could report lookups that were never served.
 */
class PipelinedLookupConnectionTest {
    private static final int TOPICS = 3;
    private static final int INFLIGHT = 4;
    private static final byte[][] ROUTES = {
            "{\"route\":\"of topic 0\"}".getBytes(StandardCharsets.UTF_8),
            "{\"route\":\"of topic 1\"}".getBytes(StandardCharsets.UTF_8),
            "{\"route\":\"of topic 2, longer\"}".getBytes(StandardCharsets.UTF_8)};

    private final EmbeddedChannel requestDecoder =
            new EmbeddedChannel(new RemotingFrameDecoder(RemotingFrame.DEFAULT_MAX_FRAME_BYTES));
    private final EmbeddedChannel responseEncoder =
            new EmbeddedChannel(new RemotingCommandEncoder(RemotingFrame.DEFAULT_MAX_FRAME_BYTES));
    private PipelinedLookupConnection connection;
    private EmbeddedChannel channel;

    @BeforeEach
    void open() {
        connection = new PipelinedLookupConnection(new RouteRequestFrames(TOPICS), ROUTES, INFLIGHT, 12345);
        channel = new EmbeddedChannel(new LengthFieldBasedFrameDecoder(RemotingFrame.DEFAULT_MAX_FRAME_BYTES,
                RemotingFrame.TOTAL_LENGTH_OFFSET, RemotingFrame.TOTAL_LENGTH_BYTES, 0,
                RemotingFrame.TOTAL_LENGTH_BYTES), connection);
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
        requestDecoder.finishAndReleaseAll();
        responseEncoder.finishAndReleaseAll();
    }

    @Test
    void opensWithTheWindowOfRequestsInTheOfficialClientsJsonForm() {
        List<RemotingCommand> requests = sentRequests();

        assertEquals(INFLIGHT, requests.size());
        for (int i = 0; i < INFLIGHT; i++) {
            RemotingCommand request = requests.get(i);
            assertEquals(RequestCode.GET_ROUTEINFO_BY_TOPIC, request.code());
            assertEquals(i, request.opaque());
            assertEquals(0, request.flag());
            assertEquals(LanguageCode.JAVA, request.language());
            assertEquals(RemotingVersion.V5_2_0, request.version());
            assertEquals(SerializeType.JSON, request.serializeType());
            assertTrue(request.field("topic").matches("BenchTopic_[0-2]"), request.field("topic"));
        }
    }

    @Test
    void correctAnswersCountAsLookupsAndEachIsReplacedByANewRequest() throws Exception {
        List<RemotingCommand> first = sentRequests();
        for (RemotingCommand request : first) {
            answer(request, ResponseCode.SUCCESS, routeOf(request));
        }

        PipelinedLookupConnection.Snapshot snapshot = connection.snapshot(false);
        assertEquals(INFLIGHT, snapshot.successes());
        assertEquals(0, snapshot.errors());
        assertNull(snapshot.firstError());
        assertEquals(INFLIGHT, snapshot.latencyNanos().getTotalCount());
        List<RemotingCommand> next = sentRequests();
        assertEquals(INFLIGHT, next.size(), "one new request per response, flushed with the read batch");
        assertEquals(INFLIGHT, next.get(0).opaque());
        assertEquals(INFLIGHT, connection.inFlight());
    }

    @Test
    void errorCodeIsAnError() throws Exception {
        RemotingCommand request = sentRequests().get(0);
        answer(request, ResponseCode.TOPIC_NOT_EXIST, null);

        PipelinedLookupConnection.Snapshot snapshot = connection.snapshot(false);
        assertEquals(0, snapshot.successes());
        assertEquals(1, snapshot.errors());
        assertTrue(snapshot.firstError().contains("response code 17"), snapshot.firstError());
    }

    @Test
    void routeOfAnotherTopicIsAnError() throws Exception {
        RemotingCommand request = sentRequests().get(0);
        int asked = topicIndex(request);
        answer(request, ResponseCode.SUCCESS, ROUTES[(asked + 1) % TOPICS]);

        PipelinedLookupConnection.Snapshot snapshot = connection.snapshot(false);
        assertEquals(0, snapshot.successes());
        assertEquals(1, snapshot.errors());
        assertTrue(snapshot.firstError().startsWith("wrong route body"), snapshot.firstError());
    }

    @Test
    void unknownAndRepeatedOpaquesAreErrors() throws Exception {
        RemotingCommand request = sentRequests().get(1);
        answer(request, ResponseCode.SUCCESS, routeOf(request));
        answer(request, ResponseCode.SUCCESS, routeOf(request));
        RemotingCommand stranger = RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC).setOpaque(999);
        answer(stranger, ResponseCode.SUCCESS, ROUTES[0]);

        PipelinedLookupConnection.Snapshot snapshot = connection.snapshot(false);
        assertEquals(1, snapshot.successes());
        assertEquals(2, snapshot.errors());
        assertTrue(snapshot.firstError().contains("opaque not in flight"), snapshot.firstError());
    }

    @Test
    void lookupsLeftUnansweredWhenTheConnectionClosesAreErrors() throws Exception {
        RemotingCommand request = sentRequests().get(0);
        answer(request, ResponseCode.SUCCESS, routeOf(request));
        channel.close();

        PipelinedLookupConnection.Snapshot snapshot = connection.snapshot(false);
        assertEquals(1, snapshot.successes());
        assertEquals(INFLIGHT, snapshot.errors(), "three left of the first window plus the one sent in reply");
    }

    @Test
    void stoppedConnectionSendsNoMoreButStillChecksAnswers() throws Exception {
        List<RemotingCommand> window = sentRequests();
        connection.stopSending();
        for (RemotingCommand request : window) {
            answer(request, ResponseCode.SUCCESS, routeOf(request));
        }

        assertEquals(0, sentRequests().size());
        assertEquals(0, connection.inFlight());
        assertEquals(INFLIGHT, connection.snapshot(true).successes());
        assertEquals(0, connection.snapshot(true).successes(), "a reset starts counting anew");
    }

    /** Everything the connection has written since the last call, decoded. */
    private List<RemotingCommand> sentRequests() {
        ByteBuf written;
        while ((written = channel.readOutbound()) != null) {
            requestDecoder.writeInbound(written);
        }
        List<RemotingCommand> requests = new ArrayList<>();
        RemotingCommand request;
        while ((request = requestDecoder.readInbound()) != null) {
            requests.add(request);
        }
        return requests;
    }

    private void answer(RemotingCommand request, int code, byte[] body) {
        RemotingCommand response = RemotingCommand.responseTo(request, code, code == 0 ? null : "no route");
        if (body != null) {
            response.setBody(body);
        }
        responseEncoder.writeOutbound(response);
        CompositeByteBuf frame = Unpooled.compositeBuffer();
        ByteBuf part;
        while ((part = responseEncoder.readOutbound()) != null) {
            frame.addComponent(true, part);
        }
        channel.writeInbound(frame);
    }

    private static int topicIndex(RemotingCommand request) {
        return Integer.parseInt(request.field("topic").substring("BenchTopic_".length()));
    }

    private static byte[] routeOf(RemotingCommand request) {
        return ROUTES[topicIndex(request)];
    }
}
