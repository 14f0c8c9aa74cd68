package vn.lienthong.gateway.simulator;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** What one simulated system has received, and how it behaves now. */
public class SimulatedSystem {

    /**
     * One message as received.
     *
     * @param idempotencyKey the message id the gateway sent
     * @param dossierCode    the dossier it is about
     * @param at             when it arrived
     * @param body           the body as received (JSON, SOAP payload or file content)
     * @param duplicate      whether the same key had already arrived (the simulator drops those)
     */
    public record Received(String idempotencyKey, String dossierCode, OffsetDateTime at, Object body,
                           boolean duplicate) {
    }

    private final String id;
    private volatile SimulatorMode mode = SimulatorMode.UP;
    private final Map<String, SimulatorMode> modeByDossier = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
    private final List<Received> received = new ArrayList<>();
    private final Set<String> keys = ConcurrentHashMap.newKeySet();

    public SimulatedSystem(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public SimulatorMode mode() {
        return mode;
    }

    public void mode(SimulatorMode mode) {
        this.mode = mode;
    }

    /** How the system treats one dossier: its own mode if set (a poison dossier), else the system's. */
    public SimulatorMode mode(String dossierCode) {
        return dossierCode == null ? mode : modeByDossier.getOrDefault(dossierCode, mode);
    }

    /** Sets the mode for one dossier only; UP removes the override. */
    public void mode(String dossierCode, SimulatorMode mode) {
        if (mode == SimulatorMode.UP) {
            modeByDossier.remove(dossierCode);
        } else {
            modeByDossier.put(dossierCode, mode);
        }
    }

    /** Counts every delivery attempt that reached the system, answered or refused. */
    public int attempt() {
        return attempts.incrementAndGet();
    }

    /** Records a message; returns false when its key was seen before (a duplicate to drop). */
    public boolean record(String idempotencyKey, String dossierCode, Object body) {
        boolean first = idempotencyKey == null || keys.add(idempotencyKey);
        synchronized (received) {
            received.add(new Received(idempotencyKey, dossierCode, OffsetDateTime.now(), body, !first));
        }
        return first;
    }

    public List<Received> received(String dossierCode) {
        synchronized (received) {
            return received.stream().filter(r -> dossierCode == null || dossierCode.equals(r.dossierCode())).toList();
        }
    }

    public Map<String, Object> summary(String dossierCode) {
        List<Received> items = received(dossierCode);
        return Map.of("system", id, "mode", mode.name().toLowerCase(java.util.Locale.ROOT),
                "attempts", attempts.get(),
                "count", items.stream().filter(r -> !r.duplicate()).count(),
                "duplicates", items.stream().filter(Received::duplicate).count(),
                "received", items);
    }
}
