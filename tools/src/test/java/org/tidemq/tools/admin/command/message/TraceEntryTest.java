package org.tidemq.tools.admin.command.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Trace bodies in the official client's encoding; the IT checks the same against records the client really sent. */
class TraceEntryTest {
    private static String context(Object... fields) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            out.append(fields[i]).append(i == fields.length - 1 ? TraceEntry.CONTEXT_SEPARATOR
                    : TraceEntry.FIELD_SEPARATOR);
        }
        return out.toString();
    }

    @Test
    void readsPublishAndConsumeContextsOfOneBody() {
        String body = context("Pub", 1700000000000L, "DefaultRegion", "PG", "TopicT", "MSG1", "TagA", "k1 k2",
                "127.0.0.1:10911", 5, 3, 0, "OFFSETID", true)
                + context("SubBefore", 1700000000100L, "DefaultRegion", "CG", "REQ", "MSG1", 0, "k1 k2")
                // SubAfter ends with a field separator before its context separator when written by 5.x clients.
                + "SubAfter\u0001REQ\u0001MSG1\u00017\u0001false\u0001k1 k2\u00010\u00011700000000200\u0001CG\u0002";

        TraceEntry.Parsed parsed = TraceEntry.parse(body);

        assertEquals(0, parsed.malformed());
        assertEquals(List.of(
                new TraceEntry("Pub", 1700000000000L, "PG", "TopicT", "MSG1", 3, true),
                new TraceEntry("SubBefore", 1700000000100L, "CG", null, "MSG1", 0, false),
                new TraceEntry("SubAfter", 1700000000200L, "CG", null, "MSG1", 7, false)), parsed.entries());
    }

    @Test
    void olderPublishWithoutOffsetIdAndCloudConsumeWithoutGroupAreRead() {
        String body = context("Pub", 1L, "R", "PG", "T", "M", "", "", "h:1", 1, 9, 0, false)
                + context("SubAfter", "REQ", "M", 4, true, "");

        assertEquals(List.of(new TraceEntry("Pub", 1L, "PG", "T", "M", 9, false),
                new TraceEntry("SubAfter", 0, null, null, "M", 4, true)), TraceEntry.parse(body).entries());
    }

    @Test
    void unknownOrBrokenContextsAreCountedNotRead() {
        String body = context("Pub", "notANumber", "R", "PG", "T", "M", "", "", "h", 1, 9, 0, true)
                + context("Mystery", 1) + context("SubAfter", "REQ");

        TraceEntry.Parsed parsed = TraceEntry.parse(body);

        assertEquals(List.of(), parsed.entries());
        assertEquals(3, parsed.malformed());
    }
}
