/** Replication lag measured from the outside, through GET_BROKER_HA_STATUS, for the benchmark and mqadmin. */
package org.tidemq.tools.replication;
