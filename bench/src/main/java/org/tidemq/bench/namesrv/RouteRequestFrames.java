package org.tidemq.bench.namesrv;

import io.netty.buffer.ByteBuf;
import org.tidemq.common.remoting.RemotingVersion;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.SerializeType;
import org.tidemq.common.remoting.codec.RemotingFrame;

import java.nio.charset.StandardCharsets;

/**
 * Writes GET_ROUTEINFO_BY_TOPIC request frames with the JSON header the official Java client sends (fastjson's
 * alphabetical keys), straight from byte templates: per topic a prefix up to the opaque's digits, one shared suffix.
 * Only the opaque's digits and the two length ints are computed per request, so the load generator spends almost no
 * CPU building requests. Immutable and thread-safe.
 */
final class RouteRequestFrames {
    /** Longest decimal form of a non-negative int. */
    private static final int MAX_OPAQUE_DIGITS = 10;
    private static final byte[] SUFFIX = ascii(",\"serializeTypeCurrentRPC\":\"JSON\",\"version\":"
            + RemotingVersion.V5_2_0 + "}");

    private final byte[][] prefixByTopic;
    private final int maxFrameBytes;

    RouteRequestFrames(int topicCount) {
        prefixByTopic = new byte[topicCount][];
        int longestPrefix = 0;
        for (int topic = 0; topic < topicCount; topic++) {
            prefixByTopic[topic] = ascii("{\"code\":" + RequestCode.GET_ROUTEINFO_BY_TOPIC
                    + ",\"extFields\":{\"topic\":\"" + BenchTopics.name(topic)
                    + "\"},\"flag\":0,\"language\":\"JAVA\",\"opaque\":");
            longestPrefix = Math.max(longestPrefix, prefixByTopic[topic].length);
        }
        maxFrameBytes = RemotingFrame.HEADER_OFFSET + longestPrefix + MAX_OPAQUE_DIGITS + SUFFIX.length;
    }

    int topicCount() {
        return prefixByTopic.length;
    }

    /** An upper bound of one frame's size, for sizing write buffers. */
    int maxFrameBytes() {
        return maxFrameBytes;
    }

    /** Appends one whole request frame for {@code topic} carrying {@code opaque} (must not be negative). */
    void write(ByteBuf out, int topic, int opaque) {
        out.ensureWritable(maxFrameBytes);
        int frameStart = out.writerIndex();
        out.writerIndex(frameStart + RemotingFrame.HEADER_OFFSET);
        out.writeBytes(prefixByTopic[topic]);
        writeDigits(out, opaque);
        out.writeBytes(SUFFIX);
        int headerLength = out.writerIndex() - frameStart - RemotingFrame.HEADER_OFFSET;
        out.setInt(frameStart + RemotingFrame.TOTAL_LENGTH_OFFSET, RemotingFrame.totalLength(headerLength, 0));
        out.setInt(frameStart + RemotingFrame.HEADER_LENGTH_AND_TYPE_OFFSET,
                RemotingFrame.headerLengthAndType(SerializeType.JSON, headerLength));
    }

    private static void writeDigits(ByteBuf out, int value) {
        int digits = 1;
        for (int bound = 10; digits < MAX_OPAQUE_DIGITS && value >= bound; bound *= 10) {
            digits++;
        }
        int end = out.writerIndex() + digits;
        int position = end;
        int remaining = value;
        do {
            out.setByte(--position, '0' + remaining % 10);
            remaining /= 10;
        } while (remaining != 0);
        out.writerIndex(end);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
