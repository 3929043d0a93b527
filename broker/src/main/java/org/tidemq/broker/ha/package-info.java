/**
 * Classic master/slave replication (facts §10): the wire layout both sides share
 * ({@link org.tidemq.broker.ha.HaFrames}), the HA settings ({@link org.tidemq.broker.ha.HaConfig}) and the per-role
 * wiring ({@link org.tidemq.broker.ha.ReplicationRole}). The master side lives in {@code ha.master}, the slave side in
 * {@code ha.slave}.
 */
package org.tidemq.broker.ha;
