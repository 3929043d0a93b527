package org.tidemq.common.protocol.header;

/** QUERY_DATA_VERSION response field: whether the broker's DataVersion differs from the name server's copy. */
public final class QueryDataVersionResponseHeader {
    public static final String CHANGED = "changed";

    private QueryDataVersionResponseHeader() {
    }
}
