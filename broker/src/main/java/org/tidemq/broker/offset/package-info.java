/** Committed consumer offsets ({@code topic@group} → queue → offset), {@code consumerOffset.json} and its flusher. */
package org.tidemq.broker.offset;
