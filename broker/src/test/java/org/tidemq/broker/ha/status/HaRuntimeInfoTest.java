package org.tidemq.broker.ha.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.rocketmq.remoting.protocol.RemotingSerializable;
import org.apache.rocketmq.remoting.protocol.body.HARuntimeInfo;
import org.junit.jupiter.api.Test;
import org.tidemq.broker.ha.status.HaRuntimeInfo.ClientInfo;
import org.tidemq.broker.ha.status.HaRuntimeInfo.ConnectionInfo;
import org.tidemq.broker.ha.status.HaRuntimeInfo.SlaveIdentityView;

/** The 907 body against RocketMQ 5.2.0's own HARuntimeInfo class (fastjson). */
class HaRuntimeInfoTest {

    @Test
    void aMastersAnswerDecodesWithRocketMqsClassAndMatchesItsEncodingFieldForField() {
        HaRuntimeInfo ours = HaRuntimeInfo.ofMaster(5000, List.of(
                new ConnectionInfo("127.0.0.1:40001", 4000, 1000, true, 2048, 4100,
                        SlaveIdentityView.UNIDENTIFIED),
                new ConnectionInfo("127.0.0.1:40002", -1, 5001, false, 0, -1,
                        new SlaveIdentityView("broker-a", 2, "announced"))));
        byte[] body = ours.encode();

        HARuntimeInfo decoded = RemotingSerializable.decode(body, HARuntimeInfo.class);
        assertTrue(decoded.isMaster());
        assertEquals(5000, decoded.getMasterCommitLogMaxOffset());
        assertEquals(1, decoded.getInSyncSlaveNums());
        assertEquals(2, decoded.getHaConnectionInfo().size());
        HARuntimeInfo.HAConnectionRuntimeInfo first = decoded.getHaConnectionInfo().get(0);
        assertEquals("127.0.0.1:40001", first.getAddr());
        assertEquals(4000, first.getSlaveAckOffset());
        assertEquals(1000, first.getDiff());
        assertTrue(first.isInSync());
        assertEquals(2048, first.getTransferredByteInSecond());
        assertEquals(4100, first.getTransferFromWhere());
        assertFalse(decoded.getHaConnectionInfo().get(1).isInSync());

        HARuntimeInfo official = new HARuntimeInfo();
        official.setMaster(true);
        official.setMasterCommitLogMaxOffset(5000);
        official.setInSyncSlaveNums(1);
        official.getHaConnectionInfo().add(connection("127.0.0.1:40001", 4000, 1000, true, 2048, 4100));
        official.getHaConnectionInfo().add(connection("127.0.0.1:40002", -1, 5001, false, 0, -1));
        String withoutTideFields = new String(body, StandardCharsets.UTF_8)
                .replace("\"identity\":\"unidentified\",", "")
                .replace("\"identity\":\"announced\",", "")
                .replace("\"slaveBrokerId\":2,\"slaveBrokerName\":\"broker-a\",", "");
        assertEquals(official.toJson(), withoutTideFields);
    }

    @Test
    void aSlavesAnswerIsRocketMqsByteForByte() {
        HaRuntimeInfo ours = HaRuntimeInfo.ofSlave(new ClientInfo("127.0.0.1:10912", 300, 9000, 1_700_000_000_123L,
                1_700_000_000_456L, 0));
        HARuntimeInfo official = new HARuntimeInfo();
        official.setMaster(false);
        HARuntimeInfo.HAClientRuntimeInfo client = official.getHaClientRuntimeInfo();
        client.setMasterAddr("127.0.0.1:10912");
        client.setTransferredByteInSecond(300);
        client.setMaxOffset(9000);
        client.setLastReadTimestamp(1_700_000_000_123L);
        client.setLastWriteTimestamp(1_700_000_000_456L);

        assertEquals(official.toJson(), new String(ours.encode(), StandardCharsets.UTF_8));
        HARuntimeInfo decoded = RemotingSerializable.decode(ours.encode(), HARuntimeInfo.class);
        assertFalse(decoded.isMaster());
        assertEquals("127.0.0.1:10912", decoded.getHaClientRuntimeInfo().getMasterAddr());
        assertEquals(9000, decoded.getHaClientRuntimeInfo().getMaxOffset());
    }

    @Test
    void aMasterWithoutSlavesSendsAZeroedClientObjectAsRocketMqDoes() {
        HARuntimeInfo official = new HARuntimeInfo();
        official.setMaster(true);
        official.setMasterCommitLogMaxOffset(42);
        assertEquals(official.toJson(),
                new String(HaRuntimeInfo.ofMaster(42, List.of()).encode(), StandardCharsets.UTF_8));
    }

    private static HARuntimeInfo.HAConnectionRuntimeInfo connection(String addr, long ack, long diff, boolean inSync,
                                                                     long rate, long from) {
        HARuntimeInfo.HAConnectionRuntimeInfo c = new HARuntimeInfo.HAConnectionRuntimeInfo();
        c.setAddr(addr);
        c.setSlaveAckOffset(ack);
        c.setDiff(diff);
        c.setInSync(inSync);
        c.setTransferredByteInSecond(rate);
        c.setTransferFromWhere(from);
        return c;
    }
}
