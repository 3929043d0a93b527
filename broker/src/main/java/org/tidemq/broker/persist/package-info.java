/**
 * Crash-safe JSON files for broker metadata (topics, subscription groups, consumer offsets) in RocketMQ's layout
 * under {@code <storePathRootDir>/config}, with RocketMQ's {@code .bak} copy of the previous version.
 */
package org.tidemq.broker.persist;
