package org.tidemq.common.remoting;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One request or response of RocketMQ's classic remoting protocol: the header fields of facts sheet §2.1 plus an
 * opaque body.
 *
 * <p><b>Body ownership.</b> The body is a {@link ByteBuf} so that message bytes can stay off the Java heap (a retained
 * slice of the received frame, or a view of a mapped store file). A command holds one reference to its body:
 * <ul>
 *   <li>inbound, the transport releases the request body once the processor's returned future has completed; a
 *       processor that keeps the body longer must {@link ByteBuf#retain() retain} it;</li>
 *   <li>outbound, the transport releases the body once the frame is written (or the write failed);</li>
 *   <li>a response handed to an invoker ({@code invokeSync}/{@code invokeAsync}) carries an unpooled heap copy of
 *       its body, so callers need not release it (doing so is harmless): responses are small next to the requests
 *       a broker receives, and a forgotten release must not leak pooled memory.</li>
 * </ul>
 * {@link #setBody(byte[])} and {@link #bodyBytes()} exist for small bodies (JSON) where a heap copy is harmless.
 *
 * <p><b>Thread-safety.</b> Not thread-safe: a command is built by one thread and then handed over (to the transport or
 * to a processor) without concurrent mutation.
 */
public final class RemotingCommand {
    /** Flag bit 0: this command is a response. */
    public static final int FLAG_RESPONSE = 1;
    /** Flag bit 1: a oneway request, no response will be sent. */
    public static final int FLAG_ONEWAY = 1 << 1;

    private static final AtomicInteger NEXT_OPAQUE = new AtomicInteger();

    private int code;
    private LanguageCode language = LanguageCode.JAVA;
    private int version = RemotingVersion.CURRENT;
    private int opaque;
    private int flag;
    private String remark;
    private Map<String, String> extFields;
    private ByteBuf body;
    private SerializeType serializeType = SerializeType.JSON;

    /** A bare command; codecs and tests set every field. Applications use the factory methods. */
    public RemotingCommand() {
    }

    /** A new request with a process-wide unique opaque. */
    public static RemotingCommand request(int code) {
        RemotingCommand command = new RemotingCommand();
        command.code = code;
        command.opaque = NEXT_OPAQUE.getAndIncrement();
        return command;
    }

    /** A new oneway request (the peer sends no response). */
    public static RemotingCommand onewayRequest(int code) {
        RemotingCommand command = request(code);
        command.flag |= FLAG_ONEWAY;
        return command;
    }

    /** A response to {@code request}: same opaque, response flag set, serialized like the request. */
    public static RemotingCommand responseTo(RemotingCommand request, int code, String remark) {
        RemotingCommand command = new RemotingCommand();
        command.code = code;
        command.remark = remark;
        command.opaque = request.opaque;
        command.flag = FLAG_RESPONSE;
        command.serializeType = request.serializeType;
        return command;
    }

    /** A SUCCESS response to {@code request}. */
    public static RemotingCommand successTo(RemotingCommand request) {
        return responseTo(request, ResponseCode.SUCCESS, null);
    }

    public int code() {
        return code;
    }

    public RemotingCommand setCode(int code) {
        this.code = code;
        return this;
    }

    public LanguageCode language() {
        return language;
    }

    public RemotingCommand setLanguage(LanguageCode language) {
        this.language = language;
        return this;
    }

    public int version() {
        return version;
    }

    public RemotingCommand setVersion(int version) {
        this.version = version;
        return this;
    }

    public int opaque() {
        return opaque;
    }

    public RemotingCommand setOpaque(int opaque) {
        this.opaque = opaque;
        return this;
    }

    public int flag() {
        return flag;
    }

    public RemotingCommand setFlag(int flag) {
        this.flag = flag;
        return this;
    }

    public boolean isResponse() {
        return (flag & FLAG_RESPONSE) != 0;
    }

    public boolean isOneway() {
        return (flag & FLAG_ONEWAY) != 0;
    }

    public String remark() {
        return remark;
    }

    public RemotingCommand setRemark(String remark) {
        this.remark = remark;
        return this;
    }

    public SerializeType serializeType() {
        return serializeType;
    }

    public RemotingCommand setSerializeType(SerializeType serializeType) {
        this.serializeType = serializeType;
        return this;
    }

    /** The request-specific fields; {@code null} when there are none. Values are always strings on the wire. */
    public Map<String, String> extFields() {
        return extFields;
    }

    public RemotingCommand setExtFields(Map<String, String> extFields) {
        this.extFields = extFields;
        return this;
    }

    /** Sets one ext field; a {@code null} value is not sent (RocketMQ omits null header fields). */
    public RemotingCommand putField(String name, Object value) {
        if (value != null) {
            if (extFields == null) {
                extFields = new HashMap<>();
            }
            extFields.put(name, value.toString());
        }
        return this;
    }

    /** The field's value, or {@code null}. */
    public String field(String name) {
        return extFields == null ? null : extFields.get(name);
    }

    /** The field as an int, or {@code null} when absent or not a number (RocketMQ's lenient header decoding). */
    public Integer intField(String name) {
        String text = field(name);
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The field as a long, or {@code null} when absent or not a number. */
    public Long longField(String name) {
        String text = field(name);
        if (text == null) {
            return null;
        }
        try {
            return Long.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** True only for "true" in any case, as RocketMQ decodes booleans. */
    public boolean boolField(String name) {
        return Boolean.parseBoolean(field(name));
    }

    /** The body, or {@code null}. See the class comment for ownership. */
    public ByteBuf body() {
        return body;
    }

    /** Replaces the body (releasing the previous one); the command takes over the caller's reference. */
    public RemotingCommand setBody(ByteBuf body) {
        if (this.body != null && this.body != body) {
            ReferenceCountUtil.safeRelease(this.body);
        }
        this.body = body;
        return this;
    }

    /** Sets a heap body (for small payloads such as JSON). */
    public RemotingCommand setBody(byte[] bytes) {
        return setBody(bytes == null ? null : Unpooled.wrappedBuffer(bytes));
    }

    /** Sets a UTF-8 text body. */
    public RemotingCommand setBody(String text) {
        return setBody(text == null ? null : text.getBytes(StandardCharsets.UTF_8));
    }

    /** A heap copy of the readable body bytes, or {@code null} when there is no body. Leaves the body untouched. */
    public byte[] bodyBytes() {
        return body == null ? null : ByteBufUtil.getBytes(body, body.readerIndex(), body.readableBytes(), false);
    }

    /** The body decoded as UTF-8, or {@code null}. */
    public String bodyText() {
        return body == null ? null : body.toString(body.readerIndex(), body.readableBytes(), StandardCharsets.UTF_8);
    }

    /** Readable body length in bytes (0 without a body). */
    public int bodyLength() {
        return body == null ? 0 : body.readableBytes();
    }

    /**
     * Hands the body's reference to the caller and forgets it here; the transport calls this when it writes the frame
     * so that the command no longer points at a buffer the write will release.
     */
    public ByteBuf detachBody() {
        ByteBuf detached = body;
        body = null;
        return detached;
    }

    /** Releases the body, if any. Safe to call more than once. */
    public void releaseBody() {
        if (body != null) {
            ReferenceCountUtil.safeRelease(body);
            body = null;
        }
    }

    @Override
    public String toString() {
        return "RemotingCommand{code=" + (isResponse() ? ResponseCode.nameOf(code) : RequestCode.nameOf(code))
                + ", language=" + language + ", version=" + version + ", opaque=" + opaque + ", flag=" + flag
                + ", remark=" + remark + ", extFields=" + extFields + ", bodyLength=" + bodyLength()
                + ", serializeType=" + serializeType + '}';
    }
}
