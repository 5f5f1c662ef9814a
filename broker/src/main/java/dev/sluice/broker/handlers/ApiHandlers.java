package dev.sluice.broker.handlers;

import org.apache.kafka.common.protocol.ApiKeys;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The table of handlers, one per API key. Immutable once built. */
public final class ApiHandlers {
    private final Map<ApiKeys, ApiHandler<?>> byKey = new EnumMap<>(ApiKeys.class);

    public ApiHandlers(List<ApiHandler<?>> handlers) {
        for (ApiHandler<?> handler : handlers) {
            if (byKey.put(handler.apiKey(), handler) != null) {
                throw new IllegalArgumentException("two handlers for " + handler.apiKey());
            }
            if (handler.minVersion() < handler.apiKey().oldestVersion()
                    || handler.maxVersion() > handler.apiKey().latestVersion()) {
                throw new IllegalArgumentException(handler.apiKey() + " handler range exceeds the codec's");
            }
        }
    }

    /** The handler for the key, or null if this broker does not serve that API. */
    public ApiHandler<?> handler(ApiKeys key) {
        return byKey.get(key);
    }

    public Collection<ApiHandler<?>> all() {
        return Collections.unmodifiableCollection(byKey.values());
    }
}
