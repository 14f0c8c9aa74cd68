package vn.lienthong.gateway.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import vn.lienthong.gateway.support.Sha256;

/** The connected systems and procedure routes in force; immutable once loaded. */
public final class Catalog {

    private final Map<String, ConnectedSystem> systems;
    private final Map<String, Procedure> procedures;

    public Catalog(Map<String, ConnectedSystem> systems, Map<String, Procedure> procedures) {
        this.systems = Map.copyOf(systems);
        this.procedures = Map.copyOf(procedures);
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

    /**
     * The system presenting {@code apiKey}: compares SHA-256 digests in constant time (every system, every key, every
     * time), so a key cannot be guessed by timing.
     */
    public Optional<ConnectedSystem> systemByApiKey(String apiKey) {
        if (apiKey == null || apiKey.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = Sha256.of(apiKey);
        ConnectedSystem found = null;
        for (ConnectedSystem system : systems.values()) {
            if (system.apiKeys().matches(presented)) {
                found = system;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The system whose configured client certificate (SHA-256 fingerprint) is {@code encodedCertificate}. */
    public Optional<ConnectedSystem> systemByCertificate(byte[] encodedCertificate) {
        return systems.values().stream().filter(s -> s.apiKeys().matchesCertificate(encodedCertificate)).findFirst();
    }
}
