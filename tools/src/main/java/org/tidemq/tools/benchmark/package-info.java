/**
 * {@code bin/benchmark}: a load generator for RocketMQ-protocol clusters. {@link org.tidemq.tools.benchmark.Benchmark}
 * parses the command line into a {@link org.tidemq.tools.benchmark.BenchmarkConfig}; a
 * {@link org.tidemq.tools.benchmark.Load} drives a {@link org.tidemq.tools.benchmark.LoadClient} (TideMQ's client, or
 * the official one when it is on the classpath) and records into {@link org.tidemq.tools.benchmark.LoadStats};
 * {@link org.tidemq.tools.benchmark.BenchmarkRun} prints a line per second and the summary at the end or on SIGTERM.
 */
package org.tidemq.tools.benchmark;
