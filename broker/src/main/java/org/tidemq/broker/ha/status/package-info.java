/**
 * Replication status as GET_BROKER_HA_STATUS (907) answers it: RocketMQ's HARuntimeInfo JSON, built from the
 * replication role's live connections.
 */
package org.tidemq.broker.ha.status;
