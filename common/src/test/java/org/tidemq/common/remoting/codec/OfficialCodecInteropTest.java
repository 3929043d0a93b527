package org.tidemq.common.remoting.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tidemq.common.remoting.LanguageCode;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.testing.TestFrames;
import org.tidemq.common.remoting.SerializeType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Interop oracle: Apache RocketMQ 5.2.0's own {@code RemotingCommand} (fastjson 1.2.83 for JSON) encodes frames that
 * our reader must decode field for field, decodes the frames our writer produces, and, given the same ext-field
 * map, produces the very same bytes.
 */
class OfficialCodecInteropTest {
    private static final int MAX_FRAME = RemotingFrame.DEFAULT_MAX_FRAME_BYTES;

    /** One command described once, built both as ours and as the official class. */
    private record Sample(int code, LanguageCode language, int version, int opaque, int flag, String remark,
                          HashMap<String, String> extFields, byte[] body) {

        RemotingCommand ours(SerializeType type) {
            RemotingCommand command = new RemotingCommand().setCode(code).setLanguage(language).setVersion(version)
                    .setOpaque(opaque).setFlag(flag).setRemark(remark).setExtFields(extFields)
                    .setSerializeType(type);
            if (body != null) {
                command.setBody(body);
            }
            return command;
        }

        org.apache.rocketmq.remoting.protocol.RemotingCommand official(SerializeType type) {
            org.apache.rocketmq.remoting.protocol.RemotingCommand command =
                    org.apache.rocketmq.remoting.protocol.RemotingCommand.createRequestCommand(code, null);
            command.setLanguage(org.apache.rocketmq.remoting.protocol.LanguageCode.valueOf(language.name()));
            command.setVersion(version);
            command.setOpaque(opaque);
            command.setFlag(flag);
            command.setRemark(remark);
            command.setExtFields(extFields);
            command.setSerializeTypeCurrentRPC(
                    org.apache.rocketmq.remoting.protocol.SerializeType.valueOf(type.name()));
            command.setBody(body);
            return command;
        }
    }

    private static HashMap<String, String> fields(String... keyValues) {
        HashMap<String, String> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static List<Sample> samples() {
        List<Sample> samples = new ArrayList<>();
        samples.add(new Sample(105, LanguageCode.JAVA, 453, 7, 0, null, fields("topic", "TopicA"), null));
        samples.add(new Sample(0, LanguageCode.JAVA, 453, 1008, 1, null, fields("offset", "0"), null));
        samples.add(new Sample(310, LanguageCode.JAVA, 401, 123_456, 0, null, fields(
                "a", "please_rename_unique_group_name", "b", "TopicTest", "c", "TBW102", "d", "4", "e", "3",
                "f", "0", "g", "1700000000123", "h", "0", "i", "KEYS\u0001k1\u0002UNIQ_KEY\u0001AC1100017F2A\u0002",
                "j", "0", "k", "false", "l", "16", "m", "false", "n", "broker-a"),
                "hello body".getBytes(StandardCharsets.UTF_8)));
        samples.add(new Sample(1, LanguageCode.GO, 0, -5, 1, "boom \"quoted\" back\\slash\ttab\nnl \u007f\u0085 "
                + "\u2028\u2029 é ✓ 😀 /", fields("ключ", "значение", "emoji😀", "\u0000\u001f"), new byte[] {0, -1}));
        samples.add(new Sample(40, LanguageCode.CPP, 37, Integer.MAX_VALUE, 2, "", new HashMap<>(), null));
        samples.add(new Sample(3, LanguageCode.RUST, 453, Integer.MIN_VALUE, 3, " request type 999 not supported",
                null, new byte[1024]));
        return samples;
    }

    @ParameterizedTest
    @EnumSource(SerializeType.class)
    void ourEncoderProducesTheOfficialBytes(SerializeType type) {
        for (Sample sample : samples()) {
            byte[] official = officialFrame(sample.official(type));
            assertArrayEquals(official, TestFrames.encode(sample.ours(type), sample.body()),
                    () -> "frame of " + sample + " in " + type + "; official header: "
                            + new String(official, StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @EnumSource(SerializeType.class)
    void officialFramesDecodeWithOurReader(SerializeType type) {
        for (Sample sample : samples()) {
            ByteBuf frame = Unpooled.wrappedBuffer(officialFrame(sample.official(type)));
            RemotingCommand decoded = new FrameReader(MAX_FRAME).read(frame);
            assertNotNull(decoded, () -> "decoding " + sample);
            org.apache.rocketmq.remoting.protocol.RemotingCommand officialRoundTrip = officialDecode(
                    officialFrame(sample.official(type)));
            assertSameFields(officialRoundTrip, decoded);
            decoded.releaseBody();
            frame.release();
        }
    }

    @ParameterizedTest
    @EnumSource(SerializeType.class)
    void ourFramesDecodeWithTheOfficialDecoder(SerializeType type) {
        for (Sample sample : samples()) {
            byte[] ours = TestFrames.encode(sample.ours(type), sample.body());
            org.apache.rocketmq.remoting.protocol.RemotingCommand decoded = officialDecode(ours);
            RemotingCommand roundTrip = new FrameReader(MAX_FRAME).read(Unpooled.wrappedBuffer(ours));
            assertSameFields(decoded, roundTrip);
            assertEquals(sample.code(), decoded.getCode());
            assertEquals(sample.opaque(), decoded.getOpaque());
            assertEquals(sample.flag(), decoded.getFlag());
            assertEquals(sample.language().name(), decoded.getLanguage().name());
            roundTrip.releaseBody();
        }
    }

    /** fastjson's escape set, checked over the whole Basic Multilingual Plane (lone surrogates included). */
    @Test
    void everyCharEscapesLikeFastjson() {
        StringBuilder all = new StringBuilder();
        for (int c = 1; c <= 0xFFFF; c++) {
            all.append((char) c);
        }
        Sample sample = new Sample(1, LanguageCode.JAVA, 453, 1, 1, all.toString(),
                fields("k" + all.substring(0, 0x300), all.substring(0x2000, 0x2100)), null);
        byte[] official = officialFrame(sample.official(SerializeType.JSON));
        byte[] ours = TestFrames.encode(sample.ours(SerializeType.JSON), null);
        // Compare headers first: a mismatch there names the character, the length prefix would not.
        for (int i = RemotingFrame.HEADER_OFFSET; i < Math.min(official.length, ours.length); i++) {
            if (official[i] != ours[i]) {
                int from = Math.max(RemotingFrame.HEADER_OFFSET, i - 16);
                throw new AssertionError("first difference at byte " + i + ": official "
                        + ByteBufUtil.hexDump(official, from, 32) + " ours " + ByteBufUtil.hexDump(ours, from, 32));
            }
        }
        assertArrayEquals(official, ours);
        RemotingCommand decoded = new FrameReader(MAX_FRAME).read(Unpooled.wrappedBuffer(official));
        assertSameFields(officialDecode(official), decoded);
    }

    /** Facts sheet §2.2 "[jvm]": language by name or ordinal, unknown keys ignored, unknown name → null. */
    @Test
    void lenientJsonInputsDecodeLikeFastjson() {
        String[] headers = {
            "{\"code\":\"105\",\"language\":9,\"opaque\":\"12\",\"flag\":0,\"version\":\"401\"}",
            "{ \"version\" : 453 , \"code\" : 11 , \"unknown\" : {\"a\":[1,2,{\"b\":null}]}, \"suspended\": true,"
                    + " \"language\" : \"PYTHON\" , \"extFields\" : { \"k\" : \"v\" , \"n\" : 5 , \"t\" : true } }",
            "{\"code\":34,\"extFields\":{\"e\\u0073c\":\"a\\\"b\\\\c\\/d\\u00e9\\ud83d\\ude00\"},"
                    + "\"serializeTypeCurrentRPC\":\"ROCKETMQ\",\"remark\":null}",
            "{\"code\":1,\"language\":\"KOTLIN\"}",
            "{}",
        };
        for (String header : headers) {
            byte[] frame = jsonFrame(header);
            org.apache.rocketmq.remoting.protocol.RemotingCommand official = officialDecode(frame);
            RemotingCommand ours = new FrameReader(MAX_FRAME).read(Unpooled.wrappedBuffer(frame));
            assertNotNull(ours, header);
            assertEquals(official.getCode(), ours.code(), header);
            assertEquals(official.getVersion(), ours.version(), header);
            assertEquals(official.getFlag(), ours.flag(), header);
            assertEquals(official.getRemark(), ours.remark(), header);
            assertEquals(official.getExtFields(), ours.extFields(), header);
            if (official.getLanguage() == null) {
                // fastjson leaves an unknown name null; we map it to OTHER so no processor meets a null language.
                assertEquals(LanguageCode.OTHER, ours.language(), header);
            } else {
                assertEquals(official.getLanguage().name(), ours.language().name(), header);
            }
            if (header.contains("opaque")) { // an absent opaque is a fresh counter value in RocketMQ's class
                assertEquals(official.getOpaque(), ours.opaque(), header);
            }
        }
    }

    private static byte[] jsonFrame(String header) {
        byte[] bytes = header.getBytes(StandardCharsets.UTF_8);
        ByteBuf frame = Unpooled.buffer();
        frame.writeInt(4 + bytes.length);
        frame.writeInt(bytes.length);
        frame.writeBytes(bytes);
        return ByteBufUtil.getBytes(frame);
    }

    private static void assertSameFields(org.apache.rocketmq.remoting.protocol.RemotingCommand official,
                                         RemotingCommand ours) {
        String context = "official " + official + " vs ours " + ours;
        assertNotNull(ours, context);
        assertEquals(official.getCode(), ours.code(), context);
        assertEquals(official.getLanguage().name(), ours.language().name(), context);
        assertEquals(official.getVersion(), ours.version(), context);
        assertEquals(official.getOpaque(), ours.opaque(), context);
        assertEquals(official.getFlag(), ours.flag(), context);
        assertEquals(official.getRemark(), ours.remark(), context);
        assertEquals(official.getExtFields(), ours.extFields(), context);
        assertEquals(official.getSerializeTypeCurrentRPC().name(), ours.serializeType().name(), context);
        if (official.getBody() == null) {
            assertNull(ours.body(), context);
        } else {
            assertArrayEquals(official.getBody(), ours.bodyBytes(), context);
        }
    }

    private static byte[] officialFrame(org.apache.rocketmq.remoting.protocol.RemotingCommand command) {
        ByteBuffer encoded = command.encode();
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }

    private static org.apache.rocketmq.remoting.protocol.RemotingCommand officialDecode(byte[] frame) {
        try {
            return org.apache.rocketmq.remoting.protocol.RemotingCommand.decode(
                    ByteBuffer.wrap(frame, RemotingFrame.TOTAL_LENGTH_BYTES,
                            frame.length - RemotingFrame.TOTAL_LENGTH_BYTES));
        } catch (Exception e) {
            throw new AssertionError("official decoder rejected the frame", e);
        }
    }
}
