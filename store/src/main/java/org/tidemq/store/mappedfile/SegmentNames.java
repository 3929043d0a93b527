package org.tidemq.store.mappedfile;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** Segment file names: the segment's start offset, zero-padded to 20 digits (RocketMQ layout). */
public final class SegmentNames {

    private static final Pattern NAME = Pattern.compile("\\d{20}");

    private SegmentNames() {
    }

    public static String name(long startOffset) {
        if (startOffset < 0) {
            throw new IllegalArgumentException("segment start offset must be >= 0, got " + startOffset);
        }
        return String.format("%020d", startOffset);
    }

    public static boolean isSegmentName(String fileName) {
        return NAME.matcher(fileName).matches();
    }

    /** @throws IllegalArgumentException if the file name is not a 20-digit offset */
    public static long startOffset(Path file) {
        String fileName = file.getFileName().toString();
        if (!isSegmentName(fileName)) {
            throw new IllegalArgumentException("not a segment file name (20 digits expected): " + file);
        }
        return Long.parseLong(fileName);
    }
}
