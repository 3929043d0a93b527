package org.tidemq.bench.remoting;

import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.SerializeType;

import java.util.HashMap;
import java.util.Map;

/**
 * A SEND_MESSAGE_V2 request as the Java producer sends it: header fields a..n with realistic values. Shared with the
 * Apache anchor ({@code ApacheRemotingCodecBenchmark}) so both codecs get the same command.
 */
public final class SendMessageV2Sample {
    static final int BODY_BYTES = 1024;

    private SendMessageV2Sample() {
    }

    public static Map<String, String> headerFields() {
        Map<String, String> fields = new HashMap<>();
        fields.put("a", "please_rename_unique_group_name");
        fields.put("b", "BenchmarkTopic");
        fields.put("c", "TBW102");
        fields.put("d", "4");
        fields.put("e", "3");
        fields.put("f", "0");
        fields.put("g", "1732233445566");
        fields.put("h", "0");
        fields.put("i", "UNIQ_KEY\u0001AC11000100002A9F0000000000000001\u0002WAIT\u0001true\u0002TAGS\u0001TagA\u0002");
        fields.put("j", "0");
        fields.put("k", "false");
        fields.put("l", "16");
        fields.put("m", "false");
        fields.put("n", "broker-a");
        return fields;
    }

    /** The command without its body (benchmarks attach or account for the body themselves). */
    static RemotingCommand command(SerializeType type) {
        return new RemotingCommand().setCode(RequestCode.SEND_MESSAGE_V2).setOpaque(123_456).setVersion(453)
                .setExtFields(headerFields()).setSerializeType(type);
    }
}
