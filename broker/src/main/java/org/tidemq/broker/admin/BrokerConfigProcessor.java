package org.tidemq.broker.admin;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.broker.config.BrokerConfigException;
import org.tidemq.broker.config.BrokerConfigMapper;
import org.tidemq.broker.config.RuntimeBrokerConfig;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;

/**
 * GET_BROKER_CONFIG (26) and UPDATE_BROKER_CONFIG (25), facts §4.9.
 *
 * <p>GET: header {@code version} = the config's DataVersion as JSON, body = the effective configuration as sorted
 * {@code key=value} lines (what {@code mqbroker -p} prints), including runtime changes.
 *
 * <p>UPDATE: body = properties text ({@code mqadmin updateBrokerConfig -k K -v V} sends one line). Applied all or
 * nothing through {@link RuntimeBrokerConfig}: an unknown key, a key that cannot change at runtime or an invalid value
 * is answered SYSTEM_ERROR naming the key (RocketMQ silently ignores unknown keys; TideMQ says so instead). An empty
 * body changes nothing. Thread-safe.
 */
public final class BrokerConfigProcessor implements RequestProcessor.Sync {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerConfigProcessor.class);
    static final String VERSION = "version";

    private final RuntimeBrokerConfig config;

    public BrokerConfigProcessor(RuntimeBrokerConfig config) {
        this.config = config;
    }

    @Override
    public RemotingCommand processNow(RequestContext context, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.GET_BROKER_CONFIG -> RemotingCommand.successTo(request)
                    .putField(VERSION, config.dataVersion().toJson(IntKeyStyle.UNQUOTED))
                    .setBody(BrokerConfigMapper.toPropertiesText(config.current()).getBytes(StandardCharsets.UTF_8));
            case RequestCode.UPDATE_BROKER_CONFIG -> update(context, request);
            default -> RemotingCommand.responseTo(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "request type " + request.code() + " not supported by " + getClass().getSimpleName());
        };
    }

    private RemotingCommand update(RequestContext context, RemotingCommand request) {
        String text = request.bodyText();
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text == null ? "" : text));
        } catch (IOException | IllegalArgumentException e) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "body is not properties text: " + e.getMessage());
        }
        Map<String, String> changes = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            changes.put(key, properties.getProperty(key));
        }
        try {
            config.update(changes);
        } catch (BrokerConfigException e) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, e.getMessage());
        } catch (IOException e) {
            LOG.error("persisting config change {} failed", changes, e);
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    "config file could not be written, nothing changed: " + e.getMessage());
        }
        LOG.info("broker config changed by {}: {}", context.remoteAddressText(), changes);
        return RemotingCommand.successTo(request);
    }
}
