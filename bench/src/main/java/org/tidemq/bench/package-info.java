/** JMH benchmarks and load generators; compiled by every build, run only on request. */
package org.tidemq.bench;
