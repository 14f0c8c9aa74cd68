package vn.lienthong.gateway.catalog;

import java.security.MessageDigest;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import vn.lienthong.gateway.support.Sha256;

/** The connected systems and procedure routes in force; immutable once loaded. */
public final class Catalog {

    private final Map<String, ConnectedSystem> systems;
    private final Map<String, Procedure> procedures;
    private final List<KeyEntry> keys;

    private record KeyEntry(byte[] digest, ConnectedSystem system) {
    }

    public Catalog(Map<String, ConnectedSystem> systems, Map<String, Procedure> procedures) {
        this.systems = Map.copyOf(systems);
        this.procedures = Map.copyOf(procedures);
        this.keys = systems.values().stream().map(s -> new KeyEntry(digest(s.apiKey()), s)).toList();
    }

    public Optional<ConnectedSystem> system(String id) {
        return Optional.ofNullable(systems.get(id));
    }

    public Collection<ConnectedSystem> systems() {
        return systems.values().stream().sorted(java.util.Comparator.comparing(ConnectedSystem::id)).toList();
    }

    public Optional<Procedure> procedure(String code) {
        return Optional.ofNullable(procedures.get(code));
    }

    public Collection<Procedure> procedures() {
        return procedures.values();
    }

    /** The system presenting {@code apiKey}; compares digests in constant time so keys cannot be guessed by timing. */
    public Optional<ConnectedSystem> systemByApiKey(String apiKey) {
        if (apiKey == null || apiKey.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = digest(apiKey);
        ConnectedSystem found = null;
        for (KeyEntry entry : keys) {
            if (MessageDigest.isEqual(entry.digest(), presented)) {
                found = entry.system();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] digest(String key) {
        return Sha256.of(key);
    }
}
