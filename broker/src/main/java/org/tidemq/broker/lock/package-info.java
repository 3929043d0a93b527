/**
 * Queue locks for orderly consumers: LOCK_BATCH_MQ / UNLOCK_BATCH_MQ grant each queue of a group to one client for a
 * lease, renewed by the holder's next lock request.
 */
package org.tidemq.broker.lock;
