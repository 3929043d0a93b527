package org.tidemq.broker.ha;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.LongSupplier;
import org.tidemq.broker.config.BrokerConfig;
import org.tidemq.store.GetMessageResult;
import org.tidemq.store.mappedfile.MappedBufferSlice;

/**
 * The {@code suggestWhichBrokerId} a pull answer carries: where the consumer should send its next pull of that queue.
 *
 * <p>A read is "cold" when the last message it returned lies further behind the CommitLog's end than
 * {@code accessMessageInMemoryMaxRatio} percent of physical memory (10 points less on a slave, as RocketMQ), i.e.
 * it is likely no longer in the page cache. With {@code slaveReadEnable} a master sends cold readers to its slave
 * (brokerId {@value #SLAVE_FOR_SLOW_CONSUMERS}, RocketMQ's {@code whichBrokerWhenConsumeSlowly}) and a slave keeps
 * them; every other answer suggests the master, so consumers return to it once it is back (while it is down the
 * client falls back to the slave by itself). A slave serves the pull either way: this is only advice.
 *
 * <p>Thread-safe; called on the pull path, allocation-free.
 */
public final class PullSourceAdvisor {
    public static final long MASTER_ID = 0;
    public static final long SLAVE_FOR_SLOW_CONSUMERS = 1;

    private final boolean master;
    private final long ownBrokerId;
    private final boolean slaveReadEnable;
    private final long coldDistanceBytes;
    private final LongSupplier maxPhyOffset;

    /**
     * @param physicalMemoryBytes the machine's RAM ({@link #physicalMemoryBytes()})
     * @param maxPhyOffset        the store's CommitLog end
     */
    public PullSourceAdvisor(BrokerConfig config, long physicalMemoryBytes, LongSupplier maxPhyOffset) {
        this.master = config.identity().isMaster();
        this.ownBrokerId = config.identity().brokerId();
        this.slaveReadEnable = config.flow().slaveReadEnable();
        this.coldDistanceBytes = physicalMemoryBytes / 100 * config.effectiveAccessMessageInMemoryMaxRatio();
        this.maxPhyOffset = maxPhyOffset;
    }

    /** The machine's physical memory, or the JVM's max heap when the platform does not tell. */
    public static long physicalMemoryBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory();
    }

    /** The broker the next pull of this queue should go to, given what this pull found. */
    public long suggest(GetMessageResult result) {
        if (!slaveReadEnable) {
            return MASTER_ID;
        }
        List<MappedBufferSlice> messages = result.messages();
        if (messages.isEmpty()) {
            return MASTER_ID;
        }
        long lastRead = messages.get(messages.size() - 1).startOffset();
        boolean cold = maxPhyOffset.getAsLong() - lastRead > coldDistanceBytes;
        if (!cold) {
            return MASTER_ID;
        }
        return master ? SLAVE_FOR_SLOW_CONSUMERS : ownBrokerId;
    }
}
