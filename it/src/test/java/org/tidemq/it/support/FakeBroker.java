package org.tidemq.it.support;

import org.tidemq.common.protocol.DataVersion;
import org.tidemq.common.protocol.RegisterBrokerBody;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.common.protocol.TopicConfigSerializeWrapper;
import org.tidemq.common.protocol.header.RegisterBrokerRequestHeader;
import org.tidemq.common.remoting.RemotingClient;
import org.tidemq.common.remoting.RemotingCommand;
import org.tidemq.common.remoting.RemotingException;
import org.tidemq.common.remoting.RequestCode;
import org.tidemq.common.remoting.ResponseCode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A broker that exists only as REGISTER_BROKER calls: what a real 5.x broker sends (its topics plus the cluster and
 * broker-name topics), through TideMQ's own remoting client. Nothing listens on its address.
 */
public record FakeBroker(String cluster, String brokerName, long brokerId, String brokerAddr, List<TopicConfig> topics) {

    /** The topic table a real broker registers: its cluster and broker-name topics (perm 7) plus {@link #topics}. */
    public Map<String, TopicConfig> topicTable() {
        Map<String, TopicConfig> table = new LinkedHashMap<>();
        table.put(cluster, new TopicConfig(cluster, 16, 16, 7));
        table.put(brokerName, new TopicConfig(brokerName, 1, 1, 7));
        topics.forEach(topic -> table.put(topic.topicName(), topic));
        return table;
    }

    /** Registers with the name server at {@code namesrvAddr}; fails unless it answers SUCCESS. */
    public RemotingCommand register(RemotingClient client, String namesrvAddr) throws InterruptedException, RemotingException {
        byte[] body = new RegisterBrokerBody(new TopicConfigSerializeWrapper(topicTable(),
                new DataVersion(0, System.currentTimeMillis(), 1), new DataVersion(0, 0, 0)), List.of()).encode();
        CRC32 crc = new CRC32();
        crc.update(body);
        RemotingCommand request = RemotingCommand.request(RequestCode.REGISTER_BROKER);
        new RegisterBrokerRequestHeader(brokerName, brokerAddr, cluster, haAddress(), brokerId, null, false, false,
                (int) (crc.getValue() & 0x7FFFFFFF), null).writeTo(request);
        request.setBody(body);
        RemotingCommand response = client.invokeSync(namesrvAddr, request, 5000);
        if (response.code() != ResponseCode.SUCCESS) {
            throw new IllegalStateException("REGISTER_BROKER of " + this + " failed: " + response);
        }
        return response;
    }

    /** The HA address a real broker would advertise: listen port + 1. */
    public String haAddress() {
        int colon = brokerAddr.lastIndexOf(':');
        return brokerAddr.substring(0, colon + 1) + (Integer.parseInt(brokerAddr.substring(colon + 1)) + 1);
    }
}
