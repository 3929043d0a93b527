package org.tidemq.broker.ha.status;

import java.util.List;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.json.JsonWriter;

/**
 * One broker's replication state, encoded as RocketMQ 5.2.0's {@code HARuntimeInfo} (facts §4.9, code 907): members in
 * fastjson's alphabetical order, null strings left out. A master fills {@code haConnectionInfo} and leaves
 * {@code haClientRuntimeInfo} zeroed (RocketMQ always sends that object); a slave does the opposite.
 *
 * <p>RocketMQ's {@code HAClientRuntimeInfo.isActivated} has no getter, so fastjson never writes it; it is left out
 * here too. Each connection may carry TideMQ's extra members {@code slaveBrokerName}, {@code slaveBrokerId} and
 * {@code identity} (how the slave was identified); RocketMQ's decoder ignores unknown members.
 *
 * @param master                   whether the broker is a master
 * @param masterCommitLogMaxOffset a master's CommitLog max physical offset (0 on a slave)
 * @param inSyncSlaveNums          connections less than {@code haMaxGapNotInSync} behind
 * @param connections              a master's slave connections
 * @param client                   a slave's HA client
 */
public record HaRuntimeInfo(boolean master, long masterCommitLogMaxOffset, int inSyncSlaveNums,
                            List<ConnectionInfo> connections, ClientInfo client) {

    public HaRuntimeInfo {
        connections = List.copyOf(connections);
    }

    /** A master's view. */
    public static HaRuntimeInfo ofMaster(long masterCommitLogMaxOffset, List<ConnectionInfo> connections) {
        int inSync = (int) connections.stream().filter(ConnectionInfo::inSync).count();
        return new HaRuntimeInfo(true, masterCommitLogMaxOffset, inSync, connections, ClientInfo.NONE);
    }

    /** A slave's view. */
    public static HaRuntimeInfo ofSlave(ClientInfo client) {
        return new HaRuntimeInfo(false, 0, 0, List.of(), client);
    }

    /**
     * One slave connection on a master.
     *
     * @param addr                    the slave's {@code ip:port} on the HA connection
     * @param slaveAckOffset          its last report (-1 before the first)
     * @param diff                    master max offset minus {@code slaveAckOffset}
     * @param inSync                  {@code diff} below {@code haMaxGapNotInSync}
     * @param transferredByteInSecond bytes sent to it during the last second
     * @param transferFromWhere       next offset to send (-1 before the first report)
     * @param identity                who the slave is, as far as the master knows
     */
    public record ConnectionInfo(String addr, long slaveAckOffset, long diff, boolean inSync,
                                 long transferredByteInSecond, long transferFromWhere, SlaveIdentityView identity) {
    }

    /**
     * How a master identified one slave connection.
     *
     * @param brokerName null when unidentified
     * @param brokerId   -1 when unidentified
     * @param source     {@code announced}, {@code namesrv} or {@code unidentified}
     */
    public record SlaveIdentityView(String brokerName, long brokerId, String source) {
        public static final SlaveIdentityView UNIDENTIFIED = new SlaveIdentityView(null, -1, "unidentified");
    }

    /**
     * A slave's HA client.
     *
     * @param masterAddr              the master HA address it follows (null while unknown)
     * @param transferredByteInSecond bytes received during the last second
     * @param maxOffset               its CommitLog max physical offset
     * @param lastReadTimestamp       epoch ms of the last frame read from the master (0 = never)
     * @param lastWriteTimestamp      epoch ms of the last offset report written to the master (0 = never)
     * @param masterFlushOffset       RocketMQ fills it in controller mode only; classic replication answers 0
     */
    public record ClientInfo(String masterAddr, long transferredByteInSecond, long maxOffset, long lastReadTimestamp,
                             long lastWriteTimestamp, long masterFlushOffset) {
        static final ClientInfo NONE = new ClientInfo(null, 0, 0, 0, 0, 0);
    }

    /** The JSON body of the 907 answer. */
    public byte[] encode() {
        JsonWriter writer = new JsonWriter(IntKeyStyle.UNQUOTED);
        writer.beginObject().name("haClientRuntimeInfo").beginObject()
                .field("lastReadTimestamp", client.lastReadTimestamp())
                .field("lastWriteTimestamp", client.lastWriteTimestamp())
                .field("masterAddr", client.masterAddr())
                .field("masterFlushOffset", client.masterFlushOffset())
                .field("maxOffset", client.maxOffset())
                .field("transferredByteInSecond", client.transferredByteInSecond())
                .endObject();
        writer.name("haConnectionInfo").beginArray();
        for (ConnectionInfo connection : connections) {
            writer.beginObject()
                    .field("addr", connection.addr())
                    .field("diff", connection.diff())
                    .field("identity", connection.identity().source())
                    .field("inSync", connection.inSync())
                    .field("slaveAckOffset", connection.slaveAckOffset());
            if (connection.identity().brokerName() != null) {
                writer.field("slaveBrokerId", connection.identity().brokerId())
                        .field("slaveBrokerName", connection.identity().brokerName());
            }
            writer.field("transferFromWhere", connection.transferFromWhere())
                    .field("transferredByteInSecond", connection.transferredByteInSecond())
                    .endObject();
        }
        writer.endArray()
                .field("inSyncSlaveNums", inSyncSlaveNums)
                .field("master", master)
                .field("masterCommitLogMaxOffset", masterCommitLogMaxOffset)
                .endObject();
        return writer.toBytes();
    }
}
