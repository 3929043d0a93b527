package org.tidemq.common.remoting;

/** Header serialization, carried in the high byte of a frame's header-length field. */
public enum SerializeType {
    /** fastjson-style JSON header (RocketMQ's default). */
    JSON((byte) 0),
    /** RocketMQ's compact binary header. */
    ROCKETMQ((byte) 1);

    private final byte code;

    SerializeType(byte code) {
        this.code = code;
    }

    public byte code() {
        return code;
    }

    /** Returns the type for a frame's type byte, or {@code null} if the byte names no known serialization. */
    public static SerializeType ofCode(byte code) {
        return switch (code) {
            case 0 -> JSON;
            case 1 -> ROCKETMQ;
            default -> null;
        };
    }
}
