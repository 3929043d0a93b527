package org.tidemq.namesrv.processor;

import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.common.json.JsonParseException;
import org.tidemq.common.json.JsonTypeException;
import org.tidemq.common.protocol.DataVersion;
import org.tidemq.common.protocol.KVTable;
import org.tidemq.common.protocol.RegisterBrokerBody;
import org.tidemq.common.protocol.RegisterBrokerResult;
import org.tidemq.common.protocol.TopicConfigSerializeWrapper;
import org.tidemq.common.protocol.header.BrokerIdentityHeader;
import org.tidemq.common.protocol.header.QueryDataVersionResponseHeader;
import org.tidemq.common.protocol.header.RegisterBrokerRequestHeader;
import org.tidemq.common.protocol.header.RegisterBrokerResponseHeader;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RemotingVersion;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.namesrv.config.NamesrvConfig;
import org.tidemq.namesrv.kv.KvConfigStore;
import org.tidemq.namesrv.route.BrokerRegistration;
import org.tidemq.namesrv.route.DataVersionCheck;
import org.tidemq.namesrv.route.RouteRegistry;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.CRC32;

/** Broker → name server calls: REGISTER_BROKER, UNREGISTER_BROKER, QUERY_DATA_VERSION, BROKER_HEARTBEAT. */
public final class BrokerRegistrationProcessor extends NamesrvRequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerRegistrationProcessor.class);

    private final RouteRegistry registry;
    private final KvConfigStore kvConfig;
    private final Supplier<NamesrvConfig> config;

    public BrokerRegistrationProcessor(RouteRegistry registry, KvConfigStore kvConfig, Supplier<NamesrvConfig> config) {
        this.registry = registry;
        this.kvConfig = kvConfig;
        this.config = config;
    }

    @Override
    public int[] requestCodes() {
        return new int[] {RequestCode.REGISTER_BROKER, RequestCode.UNREGISTER_BROKER, RequestCode.QUERY_DATA_VERSION,
            RequestCode.BROKER_HEARTBEAT};
    }

    @Override
    protected RemotingCommand handle(RequestContext context, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.REGISTER_BROKER -> register(context, request);
            case RequestCode.UNREGISTER_BROKER -> unregister(request);
            case RequestCode.QUERY_DATA_VERSION -> queryDataVersion(request);
            case RequestCode.BROKER_HEARTBEAT -> heartbeat(request);
            default -> notSupported(request);
        };
    }

    private RemotingCommand register(RequestContext context, RemotingCommand request) {
        RegisterBrokerRequestHeader header = RegisterBrokerRequestHeader.parse(request);
        if (header.bodyCrc32() != 0 && header.bodyCrc32() != crc32(request.body())) {
            LOG.warn("REGISTER_BROKER from {} ({}): crc32 not match", context.remoteAddressText(), header.brokerAddr());
            return error(request, ResponseCode.SYSTEM_ERROR, "crc32 not match");
        }
        if (header.compressed()) {
            return error(request, ResponseCode.SYSTEM_ERROR,
                    "compressed REGISTER_BROKER bodies are not supported; set compressedRegister=false on the broker");
        }
        TopicConfigSerializeWrapper topics;
        List<String> filterServers;
        try {
            byte[] body = request.bodyBytes();
            if (body == null) {
                topics = new TopicConfigSerializeWrapper(Map.of(), new DataVersion(0, 0, 0), null);
                filterServers = List.of();
            } else if (request.version() >= RemotingVersion.V3_0_11) {
                RegisterBrokerBody decoded = RegisterBrokerBody.decode(body);
                topics = decoded.topicConfigSerializeWrapper();
                filterServers = decoded.filterServerList();
            } else {
                topics = TopicConfigSerializeWrapper.decode(body);
                filterServers = List.of();
            }
        } catch (JsonParseException | JsonTypeException e) {
            return error(request, ResponseCode.SYSTEM_ERROR, "Failed to decode RegisterBrokerBody: " + e.getMessage());
        }
        RegisterBrokerResult result = registry.register(new BrokerRegistration(header.clusterName(),
                header.brokerAddr(), header.brokerName(), header.brokerId(), header.haServerAddr(), header.zoneName(),
                header.heartbeatTimeoutMillis(), header.enableActingMaster(), topics, filterServers), context.channel());
        if (result == null) {
            return error(request, ResponseCode.SYSTEM_ERROR, "register broker failed");
        }
        RemotingCommand response = success(request)
                .putField(RegisterBrokerResponseHeader.HA_SERVER_ADDR, result.haServerAddr())
                .putField(RegisterBrokerResponseHeader.MASTER_ADDR, result.masterAddr());
        if (config.get().returnOrderTopicConfigToBroker()) {
            Map<String, String> orderConfigs = kvConfig.namespace(KvConfigStore.ORDER_TOPIC_CONFIG);
            if (orderConfigs != null) {
                response.setBody(new KVTable(orderConfigs).encode());
            }
        }
        return response;
    }

    private static int crc32(ByteBuf body) {
        CRC32 crc = new CRC32();
        if (body != null) {
            crc.update(body.nioBuffer(body.readerIndex(), body.readableBytes()));
        }
        return (int) (crc.getValue() & 0x7FFFFFFF);
    }

    private RemotingCommand unregister(RemotingCommand request) {
        BrokerIdentityHeader header = BrokerIdentityHeader.parse(request);
        registry.unregister(header.clusterName(), header.brokerAddr(), header.brokerName());
        return success(request);
    }

    private RemotingCommand queryDataVersion(RemotingCommand request) {
        BrokerIdentityHeader header = BrokerIdentityHeader.parseAddress(request);
        DataVersion brokerVersion;
        try {
            byte[] body = request.bodyBytes();
            brokerVersion = body == null ? null : DataVersion.decode(body);
        } catch (JsonParseException | JsonTypeException e) {
            return error(request, ResponseCode.SYSTEM_ERROR, "Failed to decode DataVersion: " + e.getMessage());
        }
        DataVersionCheck check = registry.checkDataVersion(header.clusterName(), header.brokerAddr(), brokerVersion);
        RemotingCommand response = success(request).putField(QueryDataVersionResponseHeader.CHANGED, check.changed());
        if (check.nameServerVersion() != null) {
            response.setBody(check.nameServerVersion().encode());
        }
        return response;
    }

    private RemotingCommand heartbeat(RemotingCommand request) {
        BrokerIdentityHeader header = BrokerIdentityHeader.parseAddress(request);
        registry.touch(header.clusterName(), header.brokerAddr());
        return success(request);
    }
}
