package org.tidemq.common.remoting;

/** {@code MQVersion.Version} ordinals that change server behaviour, and the one TideMQ reports. */
public final class RemotingVersion {
    /** Oldest client that understands RESET_CONSUMER_CLIENT_OFFSET. */
    public static final int V3_0_7_SNAPSHOT = 28;
    public static final int V3_0_11 = 37;
    /** Oldest client that answers GET_CONSUMER_RUNNING_INFO and CONSUME_MESSAGE_DIRECTLY. */
    public static final int V3_1_8_SNAPSHOT = 62;
    public static final int V3_4_9 = 121;
    public static final int V4_1_0_SNAPSHOT = 232;
    public static final int V4_9_3 = 399;
    public static final int V4_9_4 = 401;
    public static final int V5_0_0 = 413;
    public static final int V5_1_4 = 441;
    public static final int V5_2_0 = 453;

    /** What TideMQ puts in every command it sends: it speaks the 5.2.0 protocol. */
    public static final int CURRENT = V5_2_0;

    private RemotingVersion() {
    }
}
