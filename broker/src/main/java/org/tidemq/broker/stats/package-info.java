/**
 * Per-topic and per-group traffic statistics as RocketMQ's {@code BrokerStatsManager} keeps them and
 * VIEW_BROKER_STATS_DATA (315) reports them ({@code mqadmin statsAll}): counters bumped on the put and pull paths,
 * sampled by a background task into rolling minute, hour and day windows.
 */
package org.tidemq.broker.stats;
