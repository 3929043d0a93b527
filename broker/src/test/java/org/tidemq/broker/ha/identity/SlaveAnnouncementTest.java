package org.tidemq.broker.ha.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tidemq.common.remoting.RemotingCommand;

/** The announcement header and the master's matching rules. */
class SlaveAnnouncementTest {

    @Test
    void roundTripsThroughTheRequestHeader() {
        RemotingCommand request = new SlaveAnnouncement("broker-a", 1, 51234).toRequest();
        assertEquals(SlaveAnnouncement.REQUEST_CODE, request.code());
        assertEquals(new SlaveAnnouncement("broker-a", 1, 51234), SlaveAnnouncement.fromRequest(request));
    }

    @Test
    void badHeadersNameTheField() {
        RemotingCommand noPort = RemotingCommand.request(SlaveAnnouncement.REQUEST_CODE)
                .putField("brokerName", "broker-a").putField("brokerId", 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SlaveAnnouncement.fromRequest(noPort))
                .getMessage().contains("haLocalPort"));
        RemotingCommand masterId = RemotingCommand.request(SlaveAnnouncement.REQUEST_CODE)
                .putField("brokerName", "broker-a").putField("brokerId", 0).putField("haLocalPort", 5000);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SlaveAnnouncement.fromRequest(masterId))
                .getMessage().contains("brokerId 0"));
        RemotingCommand noName = RemotingCommand.request(SlaveAnnouncement.REQUEST_CODE)
                .putField("brokerId", 1).putField("haLocalPort", 5000);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SlaveAnnouncement.fromRequest(noName))
                .getMessage().contains("brokerName"));
    }

    @Test
    void onlyASlaveOfThisBrokerNameOnAnOpenConnectionIsAccepted() {
        SlaveAnnouncement own = new SlaveAnnouncement("broker-a", 1, 5000);
        SlaveAnnouncement foreign = new SlaveAnnouncement("broker-b", 1, 5000);
        assertEquals(AnnouncementCheck.ACCEPTED, AnnouncementCheck.of("broker-a", own, true));
        assertEquals(AnnouncementCheck.FOREIGN_BROKER_NAME, AnnouncementCheck.of("broker-a", foreign, true));
        assertEquals(AnnouncementCheck.NO_SUCH_CONNECTION, AnnouncementCheck.of("broker-a", own, false));
        assertEquals(AnnouncementCheck.NO_SUCH_CONNECTION, AnnouncementCheck.of("broker-a", foreign, false),
                "a connection not seen yet is retried, whatever the name");
    }
}
