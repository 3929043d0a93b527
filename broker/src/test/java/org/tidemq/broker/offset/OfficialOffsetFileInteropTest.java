package org.tidemq.broker.offset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.alibaba.fastjson.JSON;
import com.alibaba.fastjson.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** consumerOffset.json against fastjson 1.2.83, the JSON library of the official 5.2.0 broker. */
class OfficialOffsetFileInteropTest {

    @TempDir
    Path root;

    /** The field shape of RocketMQ's ConsumerOffsetManager that fastjson fills from the file. */
    public static final class OffsetFile {
        private Map<String, Map<Integer, Long>> offsetTable;

        public Map<String, Map<Integer, Long>> getOffsetTable() {
            return offsetTable;
        }

        public void setOffsetTable(Map<String, Map<Integer, Long>> offsetTable) {
            this.offsetTable = offsetTable;
        }
    }

    @Test
    void fastjsonReadsOurFileAndWeReadFastjsonOutput() throws IOException {
        ConsumerOffsetManager m = ConsumerOffsetManager.load(root, () -> 5L);
        m.commitOffset("g", "TopicTest", 0, 14047);
        m.commitOffset("g", "TopicTest", 1, 14045);
        m.persistIfChanged();
        OffsetFile parsed = JSON.parseObject(Files.readString(m.file()), OffsetFile.class);
        assertEquals(Map.of("TopicTest@g", Map.of(0, 14047L, 1, 14045L)), parsed.getOffsetTable());

        OffsetFile written = new OffsetFile();
        Map<String, Map<Integer, Long>> table = new TreeMap<>();
        table.put("Other@h", new TreeMap<>(Map.of(0, 9L, 7, 11L)));
        written.setOffsetTable(table);
        String fastjsonText = JSON.toJSONString(written, true);
        Files.writeString(m.file(), fastjsonText);
        Files.deleteIfExists(root.resolve("config/consumerOffset.json.bak"));
        ConsumerOffsetManager reloaded = ConsumerOffsetManager.load(root, () -> 5L);
        assertEquals(Map.of(0, 9L, 7, 11L), reloaded.queryOffsets("h", "Other"));
        assertEquals(Map.of(0, 14047L, 1, 14045L), JSON.parseObject(
                JSON.toJSONString(parsed.getOffsetTable().get("TopicTest@g")),
                new TypeReference<Map<Integer, Long>>() { }));
    }
}
