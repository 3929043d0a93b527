/**
 * bin/bench-compare's report: turns the per-run records the script writes (one line per scenario, implementation
 * and round, pointing at bin/benchmark's {@code --json} summary plus the broker CPU time and peak RSS sampled from
 * /proc) into the side-by-side table TideMQ vs Apache RocketMQ with ratios.
 */
package org.tidemq.bench.compare;
