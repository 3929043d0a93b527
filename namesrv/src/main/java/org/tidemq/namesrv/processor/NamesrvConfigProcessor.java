package org.tidemq.namesrv.processor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.ResponseCode;
import org.tidemq.namesrv.config.ConfigException;
import org.tidemq.namesrv.config.LiveNamesrvConfig;
import org.tidemq.namesrv.config.NamesrvConfigMapper;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Properties;

/**
 * GET_NAMESRV_CONFIG (sorted {@code key=value} lines, RocketMQ key names) and UPDATE_NAMESRV_CONFIG (properties text
 * body; all keys apply or none, black-listed keys are refused with NO_PERMISSION).
 */
public final class NamesrvConfigProcessor extends NamesrvRequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(NamesrvConfigProcessor.class);

    private final LiveNamesrvConfig config;

    public NamesrvConfigProcessor(LiveNamesrvConfig config) {
        this.config = config;
    }

    @Override
    public int[] requestCodes() {
        return new int[] {RequestCode.UPDATE_NAMESRV_CONFIG, RequestCode.GET_NAMESRV_CONFIG};
    }

    @Override
    protected RemotingCommand handle(RequestContext context, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.GET_NAMESRV_CONFIG -> success(request).setBody(NamesrvConfigMapper.toPropertiesText(config.get()));
            case RequestCode.UPDATE_NAMESRV_CONFIG -> update(context, request);
            default -> notSupported(request);
        };
    }

    private RemotingCommand update(RequestContext context, RemotingCommand request) {
        String body = request.bodyText();
        if (body == null) {
            return success(request);
        }
        Properties updates = new Properties();
        try {
            updates.load(new StringReader(body));
        } catch (IOException | IllegalArgumentException e) {
            return error(request, ResponseCode.SYSTEM_ERROR, "string2Properties error: " + e.getMessage());
        }
        if (!config.blackListedKeys(updates).isEmpty()) {
            return error(request, ResponseCode.NO_PERMISSION, "Can not update config in black list.");
        }
        try {
            List<String> warnings = config.update(updates);
            warnings.forEach(LOG::warn);
        } catch (ConfigException e) {
            return error(request, ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
        LOG.info("config updated by {}: {}", context.remoteAddressText(), updates.stringPropertyNames());
        return success(request);
    }
}
