package org.tidemq.broker.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tidemq.common.protocol.DataVersion;
import org.tidemq.common.util.AtomicFileWriter;

/**
 * The broker's configuration as it is now: the startup {@link BrokerConfig} with the changes UPDATE_BROKER_CONFIG
 * made since. Only {@link #RUNTIME_KEYS} may change; every other key needs a restart.
 *
 * <p>An update is validated exactly as at startup (the current properties with the changes on top go through
 * {@link BrokerConfigMapper}), then, if the broker was started with a config file ({@code -c}), written into that
 * file — changed keys are rewritten in place, new ones appended, comments and other keys kept — and only then made
 * current, so a restart keeps what was accepted. Listeners hear of it afterwards, on the updating thread.
 *
 * <p>Thread-safe: readers get an immutable snapshot ({@link #current()}); updates are serialised.
 */
public final class RuntimeBrokerConfig {
    /** Keys UPDATE_BROKER_CONFIG may change while the broker runs. */
    public static final Set<String> RUNTIME_KEYS = Set.of(BrokerConfigMapper.BROKER_PERMISSION,
            BrokerConfigMapper.SEND_QUEUE_WAIT, BrokerConfigMapper.MAX_TRANSFER_COUNT,
            BrokerConfigMapper.MAX_TRANSFER_BYTES);

    /** Told after an update took effect. */
    @FunctionalInterface
    public interface Listener {
        void onUpdate(BrokerConfig previous, BrokerConfig current);
    }

    private final Path configFile;
    private final LongSupplier clockMillis;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile BrokerConfig current;
    private volatile DataVersion dataVersion;

    /**
     * @param configFile the file the broker was started with, or null (changes then last until restart only)
     */
    public RuntimeBrokerConfig(BrokerConfig startup, Path configFile, LongSupplier clockMillis) {
        this.current = startup;
        this.configFile = configFile;
        this.clockMillis = clockMillis;
        this.dataVersion = DataVersion.initial(clockMillis.getAsLong());
    }

    public BrokerConfig current() {
        return current;
    }

    /** Stamped at start and moved on by every accepted update (GET_BROKER_CONFIG's {@code version} header). */
    public DataVersion dataVersion() {
        return dataVersion;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /**
     * Applies {@code changes} (key → value) all or nothing.
     *
     * @throws BrokerConfigException naming the first key that is unknown, not changeable at runtime, or has an
     *                               invalid value; nothing changed
     * @throws IOException           when the config file cannot be rewritten; nothing changed
     */
    public synchronized BrokerConfig update(Map<String, String> changes) throws IOException {
        Map<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> change : changes.entrySet()) {
            String key = change.getKey().trim();
            if (!BrokerConfigMapper.isKnownKey(key)) {
                throw new BrokerConfigException("unknown config key '" + key + "'");
            }
            if (!RUNTIME_KEYS.contains(key)) {
                throw new BrokerConfigException("config key '" + key + "' cannot be changed at runtime; keys that"
                        + " can: " + new TreeSet<>(RUNTIME_KEYS));
            }
            sorted.put(key, change.getValue().trim());
        }
        BrokerConfig previous = current;
        if (sorted.isEmpty()) {
            return previous;
        }
        Properties merged = new Properties();
        merged.putAll(BrokerConfigMapper.toProperties(previous));
        merged.putAll(sorted);
        BrokerConfig mapped = BrokerConfigMapper.map(merged, neutralEnvironment(previous)).config();
        BrokerConfig next = previous.withIdentity(mapped.identity()).withFlow(mapped.flow());
        if (configFile != null) {
            persist(sorted);
        }
        current = next;
        dataVersion = dataVersion.next(clockMillis.getAsLong());
        for (Listener listener : listeners) {
            listener.onUpdate(previous, next);
        }
        return next;
    }

    /** Every key is present in the merged properties, so the environment's defaults are never consulted. */
    private static BrokerEnvironment neutralEnvironment(BrokerConfig config) {
        return new BrokerEnvironment(k -> null, k -> null, () -> config.identity().brokerName(),
                () -> config.network().brokerIP1(), 1, config.store().storePathRootDir());
    }

    private void persist(Map<String, String> changes) throws IOException {
        List<String> lines = Files.exists(configFile)
                ? new ArrayList<>(Files.readAllLines(configFile, StandardCharsets.ISO_8859_1)) : new ArrayList<>();
        for (Map.Entry<String, String> change : changes.entrySet()) {
            Pattern assignment = Pattern.compile("^(\\s*" + Pattern.quote(change.getKey()) + "\\s*[=:\\s]\\s*).*$");
            boolean replaced = false;
            for (int i = 0; i < lines.size(); i++) {
                Matcher matcher = assignment.matcher(lines.get(i));
                if (matcher.matches()) {
                    lines.set(i, matcher.group(1) + change.getValue());
                    replaced = true;
                }
            }
            if (!replaced) {
                lines.add(change.getKey() + "=" + change.getValue());
            }
        }
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        AtomicFileWriter.write(configFile, text.toString().getBytes(StandardCharsets.ISO_8859_1));
    }
}
