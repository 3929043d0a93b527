/**
 * Delayed delivery by level (RocketMQ's {@code messageDelayLevel}): sends and retries carrying a delay level are
 * parked in {@code SCHEDULE_TOPIC_XXXX} (one queue per level) and re-put to their real topic when due; the delivery
 * progress per level lives in {@code delayOffset.json}.
 */
package org.tidemq.broker.schedule;
