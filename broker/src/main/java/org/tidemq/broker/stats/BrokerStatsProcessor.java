package org.tidemq.broker.stats;

import java.util.Optional;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.json.JsonWriter;
import org.tidemq.common.protocol.header.HeaderFields;
import org.tidemq.common.protocol.header.MissingHeaderFieldException;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RequestContext;
import org.tidemq.common.remoting.RequestProcessor;
import org.tidemq.common.remoting.ResponseCode;

/**
 * VIEW_BROKER_STATS_DATA (315): header {@code statsName}, {@code statsKey} (a {@code brokerName} field is ignored);
 * answers a BrokerStatsData {@code {"statsDay":{…},"statsHour":{…},"statsMinute":{…}}}, each
 * {@code {"avgpt":…,"sum":…,"tps":…}} (fastjson's sorted field order). A name or key with nothing recorded is
 * SYSTEM_ERROR "The stats <name> <key> not exist", as RocketMQ answers. Thread-safe.
 */
public final class BrokerStatsProcessor implements RequestProcessor.Sync {
    static final String STATS_NAME = "statsName";
    static final String STATS_KEY = "statsKey";

    private final BrokerStatsTable table;

    public BrokerStatsProcessor(BrokerStatsTable table) {
        this.table = table;
    }

    @Override
    public RemotingCommand processNow(RequestContext context, RemotingCommand request) {
        String name;
        String key;
        try {
            name = HeaderFields.required(request, STATS_NAME);
            key = HeaderFields.required(request, STATS_KEY);
        } catch (MissingHeaderFieldException e) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, e.getMessage());
        }
        Optional<StatsItem> item = StatsName.parse(name).flatMap(statsName -> table.find(statsName, key));
        if (item.isEmpty()) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR,
                    String.format("The stats <%s> <%s> not exist", name, key));
        }
        return RemotingCommand.successTo(request).setBody(encode(item.get()));
    }

    private static byte[] encode(StatsItem item) {
        JsonWriter writer = new JsonWriter(IntKeyStyle.UNQUOTED);
        writer.beginObject();
        window(writer, "statsDay", item.lastDay());
        window(writer, "statsHour", item.lastHour());
        window(writer, "statsMinute", item.lastMinute());
        writer.endObject();
        return writer.toBytes();
    }

    private static void window(JsonWriter writer, String name, StatsSnapshot snapshot) {
        writer.name(name).beginObject()
                .name("avgpt").value(snapshot.avgpt())
                .field("sum", snapshot.sum())
                .name("tps").value(snapshot.tps())
                .endObject();
    }
}
