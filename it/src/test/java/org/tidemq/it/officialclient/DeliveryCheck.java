package org.tidemq.it.officialclient;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Checks a run's deliveries against what the broker acknowledged: every acknowledged unique key must have arrived,
 * and every arrived body must match the CRC32 declared in its {@value #CRC_PROPERTY} user property and the CRC32 the
 * producer computed. Stateless; {@link #check} may run on any thread.
 */
final class DeliveryCheck {
    static final String CRC_PROPERTY = "bodyCrc32";

    private DeliveryCheck() {
    }

    /** One delivered message as the consumer saw it. */
    record Received(String uniqueKey, byte[] body, String declaredCrc) {
    }

    /** What went wrong: keys acknowledged but never delivered, and keys delivered with a body that fails its CRC. */
    record Report(List<String> missing, List<String> corrupt, int received, int acknowledged) {
        boolean clean() {
            return missing.isEmpty() && corrupt.isEmpty();
        }

        @Override
        public String toString() {
            return "acknowledged=" + acknowledged + " received=" + received + " missing=" + first(missing)
                    + " corrupt=" + first(corrupt);
        }

        private static String first(List<String> keys) {
            return keys.size() + (keys.isEmpty() ? "" : " e.g. " + keys.subList(0, Math.min(5, keys.size())));
        }
    }

    static long crc32(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return crc.getValue();
    }

    /**
     * @param acknowledged unique key → CRC32 of the body, for every send the broker acknowledged
     * @param received     every delivery (duplicates allowed: at-least-once)
     */
    static Report check(Map<String, Long> acknowledged, Collection<Received> received) {
        Map<String, Received> byKey = new HashMap<>();
        List<String> corrupt = new ArrayList<>();
        for (Received delivery : received) {
            long actual = crc32(delivery.body());
            Long sent = acknowledged.get(delivery.uniqueKey());
            boolean matchesDeclared = delivery.declaredCrc() != null
                    && Long.toString(actual).equals(delivery.declaredCrc());
            if (!matchesDeclared || (sent != null && sent != actual)) {
                corrupt.add(delivery.uniqueKey());
            }
            byKey.put(delivery.uniqueKey(), delivery);
        }
        List<String> missing = new ArrayList<>();
        for (String key : acknowledged.keySet()) {
            if (!byKey.containsKey(key)) {
                missing.add(key);
            }
        }
        return new Report(missing, corrupt, received.size(), acknowledged.size());
    }
}
