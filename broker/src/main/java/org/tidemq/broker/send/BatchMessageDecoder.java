package org.tidemq.broker.send;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SEND_BATCH_MESSAGE body into its items without copying the message bodies: each item's body is a view
 * of the request buffer, valid as long as the request body is.
 */
public final class BatchMessageDecoder {

    /** One decoded item; {@code body} is a view into the request buffer. */
    public record Item(int flag, ByteBuffer body, String properties) {
    }

    /** The outcome: the items, or why the body is malformed. */
    public record Result(List<Item> items, String problem) {
        public boolean isValid() {
            return problem == null;
        }
    }

    private BatchMessageDecoder() {
    }

    public static Result decode(ByteBuf body) {
        if (body == null || !body.isReadable()) {
            return new Result(List.of(), "batch body is empty");
        }
        List<Item> items = new ArrayList<>();
        int start = body.readerIndex();
        int end = body.writerIndex();
        int position = start;
        while (position < end) {
            int remaining = end - position;
            if (remaining < BatchMessageLayout.FIXED_SIZE) {
                return invalid(items, "truncated item header (" + remaining + " bytes left)");
            }
            int totalSize = body.getInt(position + BatchMessageLayout.TOTAL_SIZE);
            int bodyLength = body.getInt(position + BatchMessageLayout.BODY_LENGTH);
            if (bodyLength < 0 || bodyLength > remaining - BatchMessageLayout.FIXED_SIZE) {
                return invalid(items, "body length " + bodyLength + " exceeds the item");
            }
            int propertiesAt = position + BatchMessageLayout.BODY + bodyLength;
            int propertiesLength = body.getShort(propertiesAt);
            int itemSize = BatchMessageLayout.FIXED_SIZE + bodyLength + propertiesLength;
            if (propertiesLength < 0 || itemSize > remaining) {
                return invalid(items, "properties length " + propertiesLength + " exceeds the item");
            }
            if (totalSize != itemSize) {
                return invalid(items, "totalSize " + totalSize + " does not match its fields (" + itemSize + ")");
            }
            int flag = body.getInt(position + BatchMessageLayout.FLAG);
            ByteBuffer itemBody = body.nioBuffer(position + BatchMessageLayout.BODY, bodyLength);
            String properties = body.toString(propertiesAt + Short.BYTES, propertiesLength, StandardCharsets.UTF_8);
            items.add(new Item(flag, itemBody, properties));
            position += itemSize;
        }
        return new Result(List.copyOf(items), null);
    }

    private static Result invalid(List<Item> decoded, String problem) {
        return new Result(List.of(), "malformed batch body at item " + decoded.size() + ": " + problem);
    }
}
