package org.tidemq.namesrv.processor;

import org.tidemq.common.protocol.KVTable;
import org.tidemq.common.protocol.header.HeaderFields;
import org.tidemq.common.protocol.header.KvConfigHeader;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.namesrv.kv.KvConfigStore;

import java.io.IOException;
import java.util.Map;

/** PUT/GET/DELETE_KV_CONFIG and GET_KVLIST_BY_NAMESPACE; answered once the change is durable. */
public final class KvConfigProcessor extends NamesrvRequestProcessor {
    private final KvConfigStore store;

    public KvConfigProcessor(KvConfigStore store) {
        this.store = store;
    }

    @Override
    public int[] requestCodes() {
        return new int[] {RequestCode.PUT_KV_CONFIG, RequestCode.GET_KV_CONFIG, RequestCode.DELETE_KV_CONFIG,
            RequestCode.GET_KVLIST_BY_NAMESPACE};
    }

    @Override
    protected RemotingCommand handle(RequestContext context, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.PUT_KV_CONFIG -> put(request);
            case RequestCode.GET_KV_CONFIG -> get(request);
            case RequestCode.DELETE_KV_CONFIG -> delete(request);
            case RequestCode.GET_KVLIST_BY_NAMESPACE -> list(request);
            default -> notSupported(request);
        };
    }

    private RemotingCommand put(RemotingCommand request) {
        String namespace = request.field(KvConfigHeader.NAMESPACE);
        String key = request.field(KvConfigHeader.KEY);
        if (namespace == null || key == null) {
            return error(request, ResponseCode.SYSTEM_ERROR, "namespace or key is null");
        }
        String value = HeaderFields.required(request, KvConfigHeader.VALUE);
        try {
            store.put(namespace, key, value);
        } catch (IOException e) {
            return persistFailed(request, e);
        }
        return success(request);
    }

    private RemotingCommand get(RemotingCommand request) {
        String namespace = HeaderFields.required(request, KvConfigHeader.NAMESPACE);
        String key = HeaderFields.required(request, KvConfigHeader.KEY);
        String value = store.get(namespace, key);
        if (value == null) {
            return error(request, ResponseCode.QUERY_NOT_FOUND, "No config item, Namespace: " + namespace + " Key: " + key);
        }
        return success(request).putField(KvConfigHeader.VALUE, value);
    }

    private RemotingCommand delete(RemotingCommand request) {
        String namespace = HeaderFields.required(request, KvConfigHeader.NAMESPACE);
        String key = HeaderFields.required(request, KvConfigHeader.KEY);
        try {
            store.delete(namespace, key);
        } catch (IOException e) {
            return persistFailed(request, e);
        }
        return success(request);
    }

    private RemotingCommand list(RemotingCommand request) {
        String namespace = HeaderFields.required(request, KvConfigHeader.NAMESPACE);
        Map<String, String> values = store.namespace(namespace);
        if (values == null) {
            return error(request, ResponseCode.QUERY_NOT_FOUND, "No config item, Namespace: " + namespace);
        }
        return success(request).setBody(new KVTable(values).encode());
    }

    private RemotingCommand persistFailed(RemotingCommand request, IOException e) {
        return error(request, ResponseCode.SYSTEM_ERROR,
                "persist KV config to " + store.file() + " failed, change not applied: " + e);
    }
}
