/** Latency percentiles shared by the benchmark and the replication-lag tools. */
package org.tidemq.tools.latency;
