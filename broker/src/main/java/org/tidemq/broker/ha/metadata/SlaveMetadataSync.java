package org.tidemq.broker.ha.metadata;

import java.io.IOException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.broker.offset.ConsumerOffsetManager;
import org.tidemq.broker.persist.PeriodicScheduler;
import org.tidemq.broker.subscription.SubscriptionGroupManager;
import org.tidemq.broker.topic.TopicConfigManager;
import org.tidemq.common.protocol.TopicConfig;
import org.tidemq.store.MessageStore;

/**
 * A slave's copy of its master's metadata, taken every {@value #DEFAULT_PERIOD_MS} ms and at once when the master's
 * address becomes known or changes (facts §10: 4.9.8's period).
 *
 * <ul>
 *   <li>topics: replaced when the master's DataVersion differs; a local topic the master does not list is kept while
 *       this slave's store holds messages for it (it was derived from the replicated CommitLog after the master's
 *       table was read, or the master lost it), so replicated messages never become unreadable;</li>
 *   <li>subscription groups: replaced when the master's DataVersion differs;</li>
 *   <li>consumer offsets: merged, each queue keeping the further of the two
 *       ({@link ConsumerOffsetManager#mergeFromMaster});</li>
 *   <li>delay offsets: the master's file text, kept verbatim (when it has one).</li>
 * </ul>
 * A change of topics triggers a name-server registration, so routes list the slave for new topics.
 *
 * <p>Thread-safety: {@link #syncOnce()} runs on the scheduler's thread (runs never overlap) or a test's;
 * {@link #onMasterLearnt} may be called from any thread.
 */
public final class SlaveMetadataSync implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlaveMetadataSync.class);
    public static final long DEFAULT_PERIOD_MS = 10_000;
    /** Checks for a newly learnt master address this often; the full copy runs every period or at a new address. */
    private static final long TICK_MS = 200;

    /** What one {@link #syncOnce()} changed. */
    public record Outcome(boolean topicsReplaced, boolean groupsReplaced, int offsetsChanged,
                          boolean delayOffsetsWritten) {
        static final Outcome NOTHING = new Outcome(false, false, 0, false);
    }

    private final MasterMetadataClient master;
    private final Supplier<String> masterAddress;
    private final TopicConfigManager topics;
    private final SubscriptionGroupManager groups;
    private final ConsumerOffsetManager offsets;
    private final DelayOffsetFile delayOffsets;
    private final MessageStore store;
    private final Runnable onTopicsChanged;
    private final LongSupplier clockMs;
    private final long periodMs;

    private volatile boolean syncRequested;
    private long lastSyncMs = Long.MIN_VALUE;
    private String lastSyncedAddress;
    private PeriodicScheduler.ScheduledTask task;

    /**
     * @param masterAddress   the master's client address, or null while unknown
     * @param onTopicsChanged called after the topic table changed (re-register with name servers); must not block
     */
    public SlaveMetadataSync(MasterMetadataClient master, Supplier<String> masterAddress, TopicConfigManager topics,
                             SubscriptionGroupManager groups, ConsumerOffsetManager offsets,
                             DelayOffsetFile delayOffsets, MessageStore store, Runnable onTopicsChanged,
                             LongSupplier clockMs, long periodMs) {
        if (periodMs <= 0) {
            throw new IllegalArgumentException("metadata sync period must be > 0 ms, got " + periodMs);
        }
        this.master = master;
        this.masterAddress = masterAddress;
        this.topics = topics;
        this.groups = groups;
        this.offsets = offsets;
        this.delayOffsets = delayOffsets;
        this.store = store;
        this.onTopicsChanged = onTopicsChanged;
        this.clockMs = clockMs;
        this.periodMs = periodMs;
    }

    /** Ticks on {@code scheduler}: a copy at once when the master's address is (newly) known, then every period. */
    public void start(PeriodicScheduler scheduler) {
        task = scheduler.scheduleAtFixedRate(this::tick, 0, TICK_MS);
    }

    /** The master's address is known or changed: copy at the next tick. */
    public void onMasterLearnt() {
        syncRequested = true;
    }

    private void tick() {
        String address = masterAddress.get();
        if (address == null) {
            return;
        }
        long now = clockMs.getAsLong();
        boolean due = syncRequested || !address.equals(lastSyncedAddress) || now - lastSyncMs >= periodMs;
        if (!due) {
            return;
        }
        syncRequested = false;
        lastSyncMs = now;
        try {
            syncOnce();
            lastSyncedAddress = address;
        } catch (MetadataSyncException e) {
            LOG.warn("metadata sync from master failed (retried in {} ms): {}", periodMs, e.getMessage());
        } catch (IOException e) {
            LOG.error("metadata sync from master could not persist its copy (retried in {} ms)", periodMs, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Copies the master's metadata now.
     *
     * @return what changed ({@link Outcome#NOTHING} when the master's address is unknown)
     * @throws MetadataSyncException when the master cannot be asked or answers badly (nothing changed then)
     * @throws IOException           when a copy cannot be persisted (the parts before it are applied)
     */
    public Outcome syncOnce() throws MetadataSyncException, IOException, InterruptedException {
        String address = masterAddress.get();
        if (address == null) {
            return Outcome.NOTHING;
        }
        MasterMetadata copy = master.fetch(address);
        boolean topicsReplaced = applyTopics(copy);
        boolean groupsReplaced = false;
        if (!copy.groups().version().equals(groups.dataVersion())) {
            groups.replaceAll(copy.groups().groups(), copy.groups().version());
            groupsReplaced = true;
        }
        int offsetsChanged = offsets.mergeFromMaster(copy.consumerOffsets());
        boolean delayWritten = copy.delayOffsetsJson() != null && delayOffsets.writeIfChanged(copy.delayOffsetsJson());
        if (topicsReplaced) {
            onTopicsChanged.run();
        }
        Outcome outcome = new Outcome(topicsReplaced, groupsReplaced, offsetsChanged, delayWritten);
        LOG.debug("metadata sync from {}: {}", address, outcome);
        return outcome;
    }

    private boolean applyTopics(MasterMetadata copy) throws IOException {
        if (copy.topics().dataVersion().equals(topics.dataVersion())) {
            return false;
        }
        topics.replaceAll(copy.topics().topicConfigTable(), copy.topics().dataVersion(), this::holdsMessages);
        return true;
    }

    private boolean holdsMessages(TopicConfig config) {
        int queues = Math.max(config.readQueueNums(), config.writeQueueNums());
        for (int queueId = 0; queueId < queues; queueId++) {
            if (store.getMaxOffsetInQueue(config.topicName(), queueId) > 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (task != null) {
            task.cancel();
        }
    }
}
