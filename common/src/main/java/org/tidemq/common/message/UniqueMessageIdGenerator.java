package org.tidemq.common.message;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates client unique message ids (property UNIQ_KEY, facts §6.2): upper-case hex of client IP (4 or 16 bytes),
 * PID as a short, a class-loader hash as an int, the milliseconds since the start of the current month (in the
 * clock's zone) as an int and a counter as a short. 32 hex chars with an IPv4 address, 56 with IPv6.
 *
 * <p>Thread-safe: {@link #next()} may be called concurrently; ids from one generator differ as long as fewer than
 * 65536 are created within one millisecond.
 */
public final class UniqueMessageIdGenerator {
    private static final UniqueMessageIdGenerator SHARED = new UniqueMessageIdGenerator(localAddress(),
            (int) ProcessHandle.current().pid(), UniqueMessageIdGenerator.class.getClassLoader().hashCode(),
            Clock.systemDefaultZone());

    private final byte[] fixedPrefix;
    private final Clock clock;
    private final AtomicInteger counter = new AtomicInteger();
    private volatile MonthWindow month;

    /**
     * @param ip              4 or 16 address bytes identifying this client
     * @param pid             process id; only its low 16 bits are kept
     * @param classLoaderHash distinguishes class loaders within one process
     * @param clock           time source; its zone decides where a month starts
     */
    public UniqueMessageIdGenerator(byte[] ip, int pid, int classLoaderHash, Clock clock) {
        if (ip == null || (ip.length != 4 && ip.length != 16)) {
            throw new IllegalArgumentException("ip must have 4 or 16 bytes");
        }
        this.fixedPrefix = ByteBuffer.allocate(ip.length + Short.BYTES + Integer.BYTES)
                .put(ip).putShort((short) pid).putInt(classLoaderHash).array();
        this.clock = clock;
        this.month = MonthWindow.containing(clock.millis(), clock);
    }

    /** The process-wide generator (system clock and zone, this host's address, this process's id). */
    public static UniqueMessageIdGenerator shared() {
        return SHARED;
    }

    /** A new id. */
    public String next() {
        long now = clock.millis();
        MonthWindow window = month;
        if (!window.contains(now)) {
            window = MonthWindow.containing(now, clock);
            month = window;
        }
        ByteBuffer id = ByteBuffer.allocate(fixedPrefix.length + Integer.BYTES + Short.BYTES);
        id.put(fixedPrefix).putInt((int) (now - window.startMillis)).putShort((short) counter.getAndIncrement());
        return MessageIdHex.encode(id.array());
    }

    /**
     * This host's address as RocketMQ clients pick it: a non-loopback, non-link-local IPv4 address, preferring a public
     * one over a private one; loopback when there is nothing else.
     */
    static byte[] localAddress() {
        byte[] privateAddress = null;
        try {
            for (NetworkInterface networkInterface : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(networkInterface.getInetAddresses())) {
                    if (!(address instanceof Inet4Address) || address.isLoopbackAddress()
                            || address.isLinkLocalAddress() || address.isAnyLocalAddress()) {
                        continue;
                    }
                    if (!address.isSiteLocalAddress()) {
                        return address.getAddress();
                    }
                    if (privateAddress == null) {
                        privateAddress = address.getAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // No interface list: fall through to loopback, which still yields well-formed ids.
        }
        return privateAddress != null ? privateAddress : InetAddress.getLoopbackAddress().getAddress();
    }

    /** [start, end) of one calendar month in epoch millis. */
    private record MonthWindow(long startMillis, long endMillis) {
        static MonthWindow containing(long millis, Clock clock) {
            ZonedDateTime start = ZonedDateTime.ofInstant(Instant.ofEpochMilli(millis), clock.getZone())
                    .withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
            return new MonthWindow(start.toInstant().toEpochMilli(), start.plusMonths(1).toInstant().toEpochMilli());
        }

        boolean contains(long millis) {
            return millis >= startMillis && millis < endMillis;
        }
    }
}
