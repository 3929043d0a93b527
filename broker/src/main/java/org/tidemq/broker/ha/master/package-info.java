/**
 * Master side of classic replication: {@link org.tidemq.broker.ha.master.HaMasterServer} accepts slaves on the HA
 * port and streams CommitLog bytes to each ({@link org.tidemq.broker.ha.master.SlaveConnection});
 * {@link org.tidemq.broker.ha.master.SyncReplicationStage} makes SYNC_MASTER appends wait for a slave's ack.
 */
package org.tidemq.broker.ha.master;
