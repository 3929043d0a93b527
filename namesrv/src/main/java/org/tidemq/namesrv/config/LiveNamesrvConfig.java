package org.tidemq.namesrv.config;

import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The name server's current configuration, replaceable at run time by UPDATE_NAMESRV_CONFIG.
 *
 * <p>Components that honour changes read {@link #get()} per use (topic-list switches, order-topic flags, broker
 * expiry); network settings and thread counts take effect only at the next start, as in RocketMQ. Changes are not
 * persisted. Thread-safe: updates swap one immutable record.
 */
public final class LiveNamesrvConfig implements Supplier<NamesrvConfig> {
    private static final List<String> ALWAYS_BLACK_LISTED =
            List.of("configBlackList", "configStorePath", "kvConfigPath", "rocketmqHome");

    private final AtomicReference<NamesrvConfig> current;

    public LiveNamesrvConfig(NamesrvConfig initial) {
        this.current = new AtomicReference<>(initial);
    }

    @Override
    public NamesrvConfig get() {
        return current.get();
    }

    /**
     * Keys of {@code updates} that may not change at run time: the configured black list plus, always, the keys
     * RocketMQ always protects.
     */
    public List<String> blackListedKeys(Properties updates) {
        return Stream.concat(ALWAYS_BLACK_LISTED.stream(), Arrays.stream(current.get().configBlackList().split(";")))
                .map(String::trim)
                .filter(key -> !key.isEmpty() && updates.containsKey(key))
                .distinct()
                .toList();
    }

    /**
     * Applies {@code updates} atomically: either every key is applied or, on a {@link ConfigException} naming the
     * bad key, none is.
     *
     * @return warnings for keys that were ignored
     */
    public synchronized List<String> update(Properties updates) {
        NamesrvConfigMapper.Result result = NamesrvConfigMapper.overlay(current.get(), updates);
        current.set(result.config());
        return result.warnings();
    }
}
