/**
 * Slave metadata sync (facts §10): a slave copies its master's topic configs, consumer offsets, delay offsets and
 * subscription groups with the classic admin requests ({@link org.tidemq.broker.ha.metadata.SlaveMetadataSync}),
 * and derives the config of any topic it finds in the replicated CommitLog before that copy has caught up
 * ({@link org.tidemq.broker.ha.metadata.TopicsFromCommitLog}), so every replicated message stays readable when the
 * master dies right after creating a topic.
 */
package org.tidemq.broker.ha.metadata;
