/**
 * Slave side of classic replication: {@link org.tidemq.broker.ha.slave.HaClient} keeps a connection to the master's HA
 * port, appends what arrives at the same physical offsets ({@link org.tidemq.broker.ha.slave.MasterConnection}) and
 * reconnects with {@link org.tidemq.broker.ha.slave.ReconnectBackoff}.
 */
package org.tidemq.broker.ha.slave;
