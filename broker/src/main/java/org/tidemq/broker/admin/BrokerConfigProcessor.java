package org.tidemq.broker.admin;

import java.nio.charset.StandardCharsets;
import org.tidemq.broker.config.BrokerConfig;
import org.tidemq.broker.config.BrokerConfigMapper;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.protocol.DataVersion;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.RequestProcessor;

/**
 * GET_BROKER_CONFIG (26): header {@code version} = the config's DataVersion as JSON, body = the effective
 * configuration as sorted {@code key=value} lines (what {@code mqbroker -p} prints). The configuration is fixed for
 * the broker's lifetime, so its DataVersion is stamped once at start. Thread-safe.
 */
public final class BrokerConfigProcessor implements RequestProcessor.Sync {
    static final String VERSION = "version";

    private final byte[] propertiesText;
    private final String versionJson;

    public BrokerConfigProcessor(BrokerConfig config, long startedAtMillis) {
        this.propertiesText = BrokerConfigMapper.toPropertiesText(config).getBytes(StandardCharsets.UTF_8);
        this.versionJson = DataVersion.initial(startedAtMillis).toJson(IntKeyStyle.UNQUOTED);
    }

    @Override
    public RemotingCommand processNow(RequestContext context, RemotingCommand request) {
        return RemotingCommand.successTo(request).putField(VERSION, versionJson).setBody(propertiesText);
    }
}
