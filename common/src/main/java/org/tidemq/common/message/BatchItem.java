package org.tidemq.common.message;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One message of a batch body: what SEND_BATCH_MESSAGE carries per message (the topic and queue are the batch's).
 *
 * @param flag       the user flag
 * @param body       the (never compressed) body
 * @param properties in encoding order; must already hold the message's UNIQ_KEY and WAIT
 */
public record BatchItem(int flag, byte[] body, Map<String, String> properties) {
    public BatchItem {
        Objects.requireNonNull(body, "body");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(properties, "properties")));
    }
}
