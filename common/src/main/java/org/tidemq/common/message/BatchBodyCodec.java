package org.tidemq.common.message;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes SEND_BATCH_MESSAGE bodies ({@link BatchItemLayout}). Stateless and thread-safe.
 */
public final class BatchBodyCodec {
    private BatchBodyCodec() {
    }

    /** One item's properties as the wire bytes; rejects strings over the signed-short limit, naming the size. */
    public static byte[] propertiesBytes(BatchItem item) {
        byte[] properties = MessageProperties.encode(item.properties()).getBytes(StandardCharsets.UTF_8);
        if (properties.length > BatchItemLayout.MAX_PROPERTIES_BYTES) {
            throw new IllegalArgumentException("message properties take " + properties.length
                    + " bytes, more than the limit of " + BatchItemLayout.MAX_PROPERTIES_BYTES);
        }
        return properties;
    }

    /** The encoded size of {@code items}. */
    public static int encodedLength(List<BatchItem> items) {
        int total = 0;
        for (BatchItem item : items) {
            total += BatchItemLayout.totalSize(item.body().length, propertiesBytes(item).length);
        }
        return total;
    }

    /** Appends the encoded {@code items} at {@code out}'s writer index. */
    public static void encode(List<BatchItem> items, ByteBuf out) {
        for (BatchItem item : items) {
            byte[] properties = propertiesBytes(item);
            int start = out.writerIndex();
            int totalSize = BatchItemLayout.totalSize(item.body().length, properties.length);
            out.ensureWritable(totalSize);
            out.setInt(start + BatchItemLayout.TOTAL_SIZE, totalSize);
            out.setInt(start + BatchItemLayout.MAGIC, BatchItemLayout.UNSET);
            out.setInt(start + BatchItemLayout.BODY_CRC, BatchItemLayout.UNSET);
            out.setInt(start + BatchItemLayout.FLAG, item.flag());
            out.setInt(start + BatchItemLayout.BODY_LENGTH, item.body().length);
            out.setBytes(start + BatchItemLayout.BODY, item.body());
            out.setShort(start + BatchItemLayout.propertiesLengthOffset(item.body().length), properties.length);
            out.setBytes(start + BatchItemLayout.propertiesOffset(item.body().length), properties);
            out.writerIndex(start + totalSize);
        }
    }

    /**
     * Decodes every item of a batch body (the readable bytes of {@code body}, left untouched).
     *
     * @throws IllegalArgumentException naming the item and field when the body is malformed
     */
    public static List<BatchItem> decode(ByteBuf body) {
        List<BatchItem> items = new ArrayList<>();
        int position = body.readerIndex();
        int end = body.writerIndex();
        while (position < end) {
            int index = items.size();
            int remaining = end - position;
            if (remaining < BatchItemLayout.FIXED_BYTES) {
                throw new IllegalArgumentException("batch item " + index + " is truncated: " + remaining
                        + " bytes left, an item needs at least " + BatchItemLayout.FIXED_BYTES);
            }
            int totalSize = body.getInt(position + BatchItemLayout.TOTAL_SIZE);
            int bodyLength = body.getInt(position + BatchItemLayout.BODY_LENGTH);
            if (bodyLength < 0 || totalSize > remaining || totalSize < BatchItemLayout.totalSize(bodyLength, 0)) {
                throw new IllegalArgumentException("batch item " + index + " has inconsistent sizes: totalSize "
                        + totalSize + ", bodyLength " + bodyLength + ", " + remaining + " bytes left");
            }
            int propertiesLength = Short.toUnsignedInt(
                    body.getShort(position + BatchItemLayout.propertiesLengthOffset(bodyLength)));
            if (BatchItemLayout.totalSize(bodyLength, propertiesLength) != totalSize) {
                throw new IllegalArgumentException("batch item " + index + " totalSize " + totalSize
                        + " does not match bodyLength " + bodyLength + " + propertiesLength " + propertiesLength);
            }
            byte[] itemBody = new byte[bodyLength];
            body.getBytes(position + BatchItemLayout.BODY, itemBody);
            String properties = body.toString(position + BatchItemLayout.propertiesOffset(bodyLength),
                    propertiesLength, StandardCharsets.UTF_8);
            items.add(new BatchItem(body.getInt(position + BatchItemLayout.FLAG), itemBody,
                    MessageProperties.decode(properties)));
            position += totalSize;
        }
        return items;
    }
}
