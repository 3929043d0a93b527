package org.tidemq.common.protocol.header;

/** Field names of the name server's admin requests and their responses (facts sheet §4.8). */
public final class NamesrvAdminHeader {
    /** DELETE_TOPIC_IN_NAMESRV, REGISTER_TOPIC_IN_NAMESRV. */
    public static final String TOPIC = "topic";
    /** DELETE_TOPIC_IN_NAMESRV (optional), GET_BROKER_MEMBER_GROUP. */
    public static final String CLUSTER_NAME = "clusterName";
    /** GET_TOPICS_BY_CLUSTER. */
    public static final String CLUSTER = "cluster";
    /** WIPE/ADD_WRITE_PERM_OF_BROKER, GET_BROKER_MEMBER_GROUP. */
    public static final String BROKER_NAME = "brokerName";
    /** WIPE_WRITE_PERM_OF_BROKER response. */
    public static final String WIPE_TOPIC_COUNT = "wipeTopicCount";
    /** ADD_WRITE_PERM_OF_BROKER response. */
    public static final String ADD_TOPIC_COUNT = "addTopicCount";

    private NamesrvAdminHeader() {
    }
}
