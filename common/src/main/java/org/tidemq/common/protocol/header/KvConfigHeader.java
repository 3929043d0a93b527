package org.tidemq.common.protocol.header;

/**
 * KV config request fields: PUT_KV_CONFIG (namespace, key, value), GET_KV_CONFIG and DELETE_KV_CONFIG (namespace,
 * key), GET_KVLIST_BY_NAMESPACE (namespace); GET_KV_CONFIG answers in {@link #VALUE}.
 */
public final class KvConfigHeader {
    public static final String NAMESPACE = "namespace";
    public static final String KEY = "key";
    public static final String VALUE = "value";

    private KvConfigHeader() {
    }
}
