/**
 * Timed messages (RocketMQ 5.x {@code TIMER_DELIVER_MS} / {@code TIMER_DELAY_SEC} / {@code TIMER_DELAY_MS}): a send
 * with a future deliver time is parked in the CommitLog under {@code rmq_sys_wheel_timer} ({@link TimedSend}; each
 * message of a batch as its own timer, {@link TimedBatch});
 * {@link TimerMessageService} indexes the parked records into an off-heap, memory-mapped timer log
 * ({@link TimerLog}) chained per time slot of a memory-mapped wheel ({@link TimerWheel}), and re-puts each message to
 * its real topic when due ({@link org.tidemq.broker.schedule.DueMessage}'s rules, read by {@link DueRecord}, appended
 * per destination queue in batches, {@link FiringBatch}); a {@code TIMER_DEL_UNIQKEY} message
 * cancels a pending timer, and timer-log segments whose timers are all done are deleted. A slave indexes the same way,
 * so restarted as master it fires what its old master had not. Rules and guarantees: docs/operations.md,
 * "Timed messages".
 */
package org.tidemq.broker.timer;
