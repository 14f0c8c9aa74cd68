package vn.lienthong.gateway.dossier;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Answers "was this dossier revision already accepted?" without a database write on the intake path:
 * revisions accepted but not yet routed are held here; routed ones are in the database. The router
 * re-checks against the database, so a duplicate that slips past (e.g. right after a restart) is still
 * recognised before it reaches a department.
 */
@Component
public class IntakeLedger {

    /** What was accepted for a dossier revision. */
    public record Accepted(String messageId, String contentSha256) {
    }

    private final ConcurrentHashMap<String, Accepted> inFlight = new ConcurrentHashMap<>();
    private final DossierStore store;

    public IntakeLedger(DossierStore store) {
        this.store = store;
    }

    public Optional<Accepted> find(String dossierCode, int revision) {
        Accepted pending = inFlight.get(key(dossierCode, revision));
        if (pending != null) {
            return Optional.of(pending);
        }
        return store.findRevision(dossierCode, revision).map(r -> new Accepted(r.messageId(), r.contentSha256()));
    }

    /** Claims a revision for a new message; returns the earlier claim when another request won the race. */
    public Optional<Accepted> claim(String dossierCode, int revision, Accepted accepted) {
        return Optional.ofNullable(inFlight.putIfAbsent(key(dossierCode, revision), accepted));
    }

    /** Drops a claim: after routing (the database answers from now on) or when the message was not stored. */
    public void forget(String dossierCode, int revision) {
        inFlight.remove(key(dossierCode, revision));
    }

    private static String key(String dossierCode, int revision) {
        return dossierCode + '#' + revision;
    }
}
