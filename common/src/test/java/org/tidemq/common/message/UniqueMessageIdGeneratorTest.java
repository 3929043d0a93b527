package org.tidemq.common.message;

import org.apache.rocketmq.common.message.MessageClientIDSetter;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UniqueMessageIdGeneratorTest {
    private static final byte[] IP = {10, 20, 30, 40};

    @Test
    void laysOutIpPidLoaderHashMonthOffsetAndCounter() {
        Instant now = Instant.parse("2026-03-05T01:02:03.456Z");
        UniqueMessageIdGenerator generator = new UniqueMessageIdGenerator(IP, 0x1234_ABCD, 0x01020304,
                Clock.fixed(now, ZoneOffset.UTC));

        String first = generator.next();
        String second = generator.next();

        long sinceMonthStart = now.toEpochMilli() - Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
        assertEquals("0A141E28" + "ABCD" + "01020304" + String.format("%08X", sinceMonthStart) + "0000", first);
        assertEquals(first.substring(0, 28) + "0001", second);
    }

    @Test
    void parsesBackToItsParts() throws Exception {
        Instant now = Instant.parse("2026-03-05T01:02:03.456Z");
        UniqueMessageIdGenerator generator = new UniqueMessageIdGenerator(IP, 0xFFFE, -7,
                Clock.fixed(now, ZoneOffset.UTC));
        generator.next();

        UniqueMessageId id = UniqueMessageId.parse(generator.next());

        assertEquals(InetAddress.getByAddress(IP), id.clientIp());
        assertEquals(0xFFFE, id.pid());
        assertEquals(-7, id.classLoaderHash());
        assertEquals(1, id.counter());
        assertEquals(now, id.approximateCreationTime(Clock.fixed(now.plusSeconds(5), ZoneOffset.UTC)));
    }

    @Test
    void officialClientDecodesOurIds() {
        // The official decoder reads an id made in the current millisecond as last month's; make it a second old.
        Clock secondAgo = Clock.offset(Clock.systemDefaultZone(), Duration.ofSeconds(-1));
        UniqueMessageIdGenerator generator = new UniqueMessageIdGenerator(IP, 4321, 99, secondAgo);
        long before = secondAgo.millis();
        String id = generator.next();

        assertEquals("10.20.30.40", MessageClientIDSetter.getIPStrFromID(id));
        assertEquals(4321, MessageClientIDSetter.getPidFromID(id));
        long nearly = MessageClientIDSetter.getNearlyTimeFromID(id).getTime();
        assertTrue(Math.abs(nearly - before) < Duration.ofMinutes(1).toMillis(),
                "official decoder read time " + nearly + " for an id made at " + before);
    }

    @Test
    void weDecodeOfficialIds() {
        String official = MessageClientIDSetter.createUniqID();
        UniqueMessageId ours = UniqueMessageId.parse(official);

        assertArrayEquals(MessageClientIDSetter.getIPFromID(official), ours.clientIp().getAddress());
        assertEquals(MessageClientIDSetter.getPidFromID(official), ours.pid());
    }

    @Test
    void restartsTheOffsetWhenAMonthBegins() {
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        MutableClock clock = new MutableClock(Instant.parse("2026-01-31T15:59:59.000Z"), zone);
        UniqueMessageIdGenerator generator = new UniqueMessageIdGenerator(IP, 1, 1, clock);

        UniqueMessageId lastOfJanuary = UniqueMessageId.parse(generator.next());
        clock.set(Instant.parse("2026-01-31T16:00:00.250Z"));
        UniqueMessageId firstOfFebruary = UniqueMessageId.parse(generator.next());

        long januaryStart = Instant.parse("2025-12-31T16:00:00Z").toEpochMilli();
        assertEquals(Instant.parse("2026-01-31T15:59:59Z").toEpochMilli() - januaryStart,
                lastOfJanuary.millisSinceMonthStart());
        assertEquals(250, firstOfFebruary.millisSinceMonthStart());
    }

    @Test
    void idsAreDistinct() {
        UniqueMessageIdGenerator generator = new UniqueMessageIdGenerator(IP, 1, 1,
                Clock.fixed(Instant.parse("2026-03-05T00:00:00Z"), ZoneOffset.UTC));
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(generator.next());
        }
        assertEquals(10_000, ids.size());
    }

    @Test
    void sharedGeneratorUsesThisProcess() {
        UniqueMessageId id = UniqueMessageId.parse(UniqueMessageIdGenerator.shared().next());
        assertEquals(ProcessHandle.current().pid() & 0xFFFF, id.pid());
        assertNotEquals(0, id.clientIp().getAddress().length);
    }

    @Test
    void rejectsMalformedIds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UniqueMessageId.parse("0A141E28ABCD"));
        assertTrue(e.getMessage().contains("32 or 56 hex chars"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new UniqueMessageIdGenerator(new byte[5], 1, 1,
                Clock.systemUTC()));
    }
}
