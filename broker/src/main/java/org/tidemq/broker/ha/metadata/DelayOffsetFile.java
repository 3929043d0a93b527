package org.tidemq.broker.ha.metadata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.tidemq.broker.persist.JsonConfigFile;
import org.tidemq.common.json.IntKeyStyle;
import org.tidemq.common.json.JsonWriter;
import org.tidemq.common.protocol.DataVersion;

/**
 * {@code <storePathRootDir>/config/delayOffset.json}: the scheduled-message progress per delay level, in RocketMQ's
 * format {@code {"dataVersion":{…},"offsetTable":{<level>:<offset>}}}, written by a master's
 * {@code broker.schedule.DelayOffsetTable} (at most a second behind its delivery). A master that never delivered a
 * delayed message has no file and answers an empty table; a slave keeps its master's text verbatim (as Apache's
 * slave does), so the progress is there when the slave's store is promoted.
 *
 * <p>Thread-safety: reads and writes are serialized by the underlying file.
 */
public final class DelayOffsetFile {
    public static final String FILE_NAME = "delayOffset.json";

    private final JsonConfigFile file;

    public DelayOffsetFile(Path storePathRootDir) {
        this.file = new JsonConfigFile(storePathRootDir.resolve("config").resolve(FILE_NAME));
    }

    public Path path() {
        return file.file();
    }

    /** The file's text, or an empty table (DataVersion 0) when there is none. */
    public byte[] read() throws IOException {
        try {
            return Files.readAllBytes(file.file());
        } catch (NoSuchFileException e) {
            return emptyTable();
        }
    }

    /**
     * Replaces the file by {@code json} unless it already holds exactly that text.
     *
     * @return whether the file was written
     */
    public boolean writeIfChanged(byte[] json) throws IOException {
        byte[] current;
        try {
            current = Files.readAllBytes(file.file());
        } catch (NoSuchFileException e) {
            current = null;
        }
        if (current != null && Arrays.equals(current, json)) {
            return false;
        }
        file.write(json);
        return true;
    }

    static byte[] emptyTable() {
        JsonWriter writer = new JsonWriter(IntKeyStyle.UNQUOTED);
        writer.beginObject().name("dataVersion");
        new DataVersion(0, 0, 0).writeJson(writer);
        writer.name("offsetTable").beginObject().endObject().endObject();
        return writer.toBytes();
    }
}
