package org.tidemq.client.admin;

/**
 * A broker's statistics of one item (VIEW_BROKER_STATS_DATA's BrokerStatsData), e.g. messages put to a topic.
 *
 * @param minuteTps rate over the last minute
 * @param minuteSum count over the last minute
 * @param hourSum   count over the last hour
 * @param daySum    count over the last day
 */
public record BrokerStats(double minuteTps, long minuteSum, long hourSum, long daySum) {
    /** Apache's 24-hour figure: the day's sum, else the hour's, else the minute's. */
    public long last24HoursSum() {
        if (daySum != 0) {
            return daySum;
        }
        return hourSum != 0 ? hourSum : minuteSum;
    }
}
