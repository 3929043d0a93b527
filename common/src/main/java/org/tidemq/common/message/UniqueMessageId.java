package org.tidemq.common.message;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * A decoded client unique id (UNIQ_KEY, facts §6.2), as made by {@link UniqueMessageIdGenerator}.
 *
 * @param clientIp              the producing client's address
 * @param pid                   low 16 bits of the producer's process id (0..65535)
 * @param classLoaderHash       the producer's class-loader hash
 * @param millisSinceMonthStart creation time relative to the start of its month (the id's unsigned int)
 * @param counter               the generator's counter (0..65535)
 */
public record UniqueMessageId(InetAddress clientIp, int pid, int classLoaderHash, long millisSinceMonthStart,
                              int counter) {
    private static final int IPV4_ID_BYTES = 4 + 2 + 4 + 4 + 2;
    private static final int IPV6_ID_BYTES = 16 + 2 + 4 + 4 + 2;

    /** Parses an id; the message names the problem when the text is not a 32- or 56-char hex id. */
    public static UniqueMessageId parse(String id) {
        byte[] bytes = MessageIdHex.decode(id, "unique message id");
        if (bytes.length != IPV4_ID_BYTES && bytes.length != IPV6_ID_BYTES) {
            throw new IllegalArgumentException("unique message id must have 32 or 56 hex chars but had "
                    + id.length() + ": '" + id + "'");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte[] ip = new byte[bytes.length == IPV4_ID_BYTES ? 4 : 16];
        buffer.get(ip);
        try {
            return new UniqueMessageId(InetAddress.getByAddress(ip), Short.toUnsignedInt(buffer.getShort()),
                    buffer.getInt(), Integer.toUnsignedLong(buffer.getInt()), Short.toUnsignedInt(buffer.getShort()));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unique message id has an invalid address: '" + id + "'", e);
        }
    }

    /**
     * The approximate creation time: the offset applied to the current month's start, or to the previous month's when
     * that would lie in the future (ids older than a month are ambiguous by design).
     */
    public Instant approximateCreationTime(Clock clock) {
        long now = clock.millis();
        ZonedDateTime monthStart = ZonedDateTime.ofInstant(Instant.ofEpochMilli(now), clock.getZone())
                .withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
        long span = millisSinceMonthStart;
        if (monthStart.toInstant().toEpochMilli() + span >= now) {
            monthStart = monthStart.minusMonths(1);
        }
        return Instant.ofEpochMilli(monthStart.toInstant().toEpochMilli() + span);
    }
}
