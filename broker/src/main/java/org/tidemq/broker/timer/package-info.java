/**
 * Timed messages (RocketMQ 5.x {@code TIMER_DELIVER_MS} / {@code TIMER_DELAY_SEC} / {@code TIMER_DELAY_MS}): a send
 * with a future deliver time is parked in the CommitLog under {@code rmq_sys_wheel_timer} ({@link TimedSend});
 * {@link TimerMessageService} indexes the parked records into an off-heap, memory-mapped timer log
 * ({@link TimerLog}) chained per time slot of a memory-mapped wheel ({@link TimerWheel}), and re-puts each message to
 * its real topic when due ({@link org.tidemq.broker.schedule.DueMessage}). Rules and guarantees: docs/operations.md,
 * "Timed messages".
 */
package org.tidemq.broker.timer;
