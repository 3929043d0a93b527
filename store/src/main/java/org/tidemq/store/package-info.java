/**
 * Storage engine: CommitLog, ConsumeQueue and index on memory-mapped files. No network code.
 *
 * <p>Entry point: {@link org.tidemq.store.MessageStore} (contract) and {@link org.tidemq.store.DefaultMessageStore}
 * ({@code open(StoreConfig)}). Packages, one concept each:
 * <ul>
 *   <li>{@code config} — validated config records and the one mapper from RocketMQ {@code .properties} keys;</li>
 *   <li>{@code mappedfile} — fixed-size mapped segments named by start offset, their queue, pre-allocation;</li>
 *   <li>{@code message} — the stored-message layout (defined once), encoder, decoder, record validation;</li>
 *   <li>{@code commitlog} — the append path: lock, queue offsets, blank fillers, raw (replication) appends;</li>
 *   <li>{@code durability}, {@code flush} — when an append counts as durable: group commit, async flush;</li>
 *   <li>{@code dispatch} — the thread feeding CommitLog records to dispatchers within the visibility bound;</li>
 *   <li>{@code consumequeue} — per-queue 20-byte entry files; {@code read} — reads by queue offset and time;</li>
 *   <li>{@code checkpoint}, {@code recovery} — checkpoint, abort marker, directory lock, tail validation;</li>
 *   <li>{@code index}, {@code retention} — key index and segment expiry / disk protection.</li>
 * </ul>
 */
package org.tidemq.store;
