/** Broker: request handling, replication, schedules (arrives with the broker issue). */
package org.tidemq.broker;
