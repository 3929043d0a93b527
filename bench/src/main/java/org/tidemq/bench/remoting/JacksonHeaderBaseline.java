package org.tidemq.bench.remoting;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import org.tidemq.common.remoting.LanguageCode;
import org.tidemq.common.remoting.RemotingCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The JSON header through Jackson data binding, in the same fastjson-compatible shape (sorted keys, nulls omitted),
 * streaming straight to and from the ByteBuf. Exists only to measure the hand-written codec against.
 */
final class JacksonHeaderBaseline {
    /** Mirror of the wire header; public fields so Jackson binds without reflection on accessors. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class Header {
        public int code;
        public Map<String, String> extFields;
        public int flag;
        public String language;
        public int opaque;
        public String remark;
        public String serializeTypeCurrentRPC;
        public int version;
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private JacksonHeaderBaseline() {
    }

    static void encode(RemotingCommand command, ByteBuf out) {
        Header header = new Header();
        header.code = command.code();
        header.extFields = command.extFields();
        header.flag = command.flag();
        header.language = command.language() == null ? null : command.language().name();
        header.opaque = command.opaque();
        header.remark = command.remark();
        header.serializeTypeCurrentRPC = command.serializeType().name();
        header.version = command.version();
        try (ByteBufOutputStream stream = new ByteBufOutputStream(out)) {
            MAPPER.writeValue((java.io.OutputStream) stream, header);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RemotingCommand decode(ByteBuf in, int index, int length) {
        try (ByteBufInputStream stream = new ByteBufInputStream(in.slice(index, length))) {
            Header header = MAPPER.readValue((java.io.InputStream) stream, Header.class);
            return new RemotingCommand().setCode(header.code).setExtFields(header.extFields).setFlag(header.flag)
                    .setLanguage(LanguageCode.parse(header.language)).setOpaque(header.opaque)
                    .setRemark(header.remark).setVersion(header.version);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
