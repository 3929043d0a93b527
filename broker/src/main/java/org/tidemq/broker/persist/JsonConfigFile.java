package org.tidemq.broker.persist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidemq.common.json.JsonObject;
import org.tidemq.common.json.JsonReader;
import org.tidemq.common.util.AtomicFileWriter;

/**
 * One JSON metadata file plus RocketMQ's {@code <file>.bak}, which holds the version before the last write.
 *
 * <p>Loading follows RocketMQ's {@code ConfigManager}: a missing or empty file falls back to the backup; a file that
 * does not parse or decode also falls back to the backup (with a warning), and if there is no usable backup the
 * load fails with a {@link ConfigFileException} naming the file — a broker must not start with silently emptied
 * metadata. Files are read with the lenient {@link JsonReader}, so fastjson's bare integer keys load as is.
 *
 * <p>Durability: {@link #write} first copies the current file to the backup, then replaces the file; both steps go
 * through {@link AtomicFileWriter} (temp file, fsync, rename), so a crash leaves each file whole. Thread-safety:
 * {@link #write} is synchronized; concurrent writers are serialized and the last one wins.
 */
public final class JsonConfigFile {
    private static final Logger LOG = LoggerFactory.getLogger(JsonConfigFile.class);

    private final Path file;
    private final Path backup;

    public JsonConfigFile(Path file) {
        this.file = file;
        this.backup = file.resolveSibling(file.getFileName() + ".bak");
    }

    public Path file() {
        return file;
    }

    public Path backupFile() {
        return backup;
    }

    /**
     * Decodes the file (or, failing that, its backup) with {@code decoder}.
     *
     * @return empty when neither file has content (a first start)
     * @throws ConfigFileException when the file cannot be used and no backup rescues it
     */
    public <T> Optional<T> load(Function<JsonObject, T> decoder) throws ConfigFileException {
        String content = read(file);
        if (content == null) {
            return decodeBackup(decoder, null);
        }
        try {
            return Optional.of(decoder.apply(JsonReader.parseObject(content)));
        } catch (RuntimeException e) {
            ConfigFileException corrupt = new ConfigFileException(file, "corrupt, cannot load: " + e.getMessage(), e);
            if (read(backup) == null) {
                throw corrupt;
            }
            LOG.warn("{}; loading the backup {}", corrupt.getMessage(), backup);
            return decodeBackup(decoder, corrupt);
        }
    }

    private <T> Optional<T> decodeBackup(Function<JsonObject, T> decoder, ConfigFileException primary)
            throws ConfigFileException {
        String content = read(backup);
        if (content == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(decoder.apply(JsonReader.parseObject(content)));
        } catch (RuntimeException e) {
            ConfigFileException corrupt = new ConfigFileException(backup, "corrupt, cannot load: " + e.getMessage(), e);
            if (primary != null) {
                corrupt.addSuppressed(primary);
            }
            throw corrupt;
        }
    }

    /** The file's text, or {@code null} when it is missing or blank. */
    private static String read(Path path) throws ConfigFileException {
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            return text.isBlank() ? null : text;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new ConfigFileException(path, "cannot read: " + e, e);
        }
    }

    /** Keeps the current content as the backup, then replaces the file with {@code content}. */
    public synchronized void write(byte[] content) throws IOException {
        byte[] previous;
        try {
            previous = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            previous = null;
        }
        if (previous != null && previous.length > 0) {
            AtomicFileWriter.write(backup, previous);
        }
        AtomicFileWriter.write(file, content);
    }
}
