package org.tidemq.broker.stats;

/**
 * A counter's growth over one window, as BrokerStatsItem reports it.
 *
 * @param sum   value added within the window (messages, or bytes)
 * @param tps   {@code sum} per second of the window's span
 * @param avgpt value per recorded event ({@code sum / times}; e.g. messages per batch), 0 without events
 */
public record StatsSnapshot(long sum, double tps, double avgpt) {
    public static final StatsSnapshot EMPTY = new StatsSnapshot(0, 0, 0);
}
