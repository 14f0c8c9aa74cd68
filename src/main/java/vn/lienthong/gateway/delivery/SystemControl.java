package vn.lienthong.gateway.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.catalog.ConnectedSystem;
import vn.lienthong.gateway.catalog.Protocol;
import vn.lienthong.gateway.cluster.ClusterProperties;
import vn.lienthong.gateway.cluster.ControlBroadcast;
import vn.lienthong.gateway.cluster.ControlBroadcast.Change;
import vn.lienthong.gateway.cluster.Leadership;
import vn.lienthong.gateway.error.FailureClassifier;

/**
 * Whether each system's delivery route may run: not while an operator has paused the system, and not
 * while its circuit is open after repeated transient failures. A held route consumes nothing, so its
 * messages wait in the broker without spending attempts; a health probe closes the circuit again.
 * <p>
 * In a cluster every node holds the same: a pause is in the database and broadcast to the other nodes (and re-read
 * from the database every {@code gateway.cluster.reconcile-interval}); a circuit that opens, half-opens or closes on
 * one node is broadcast and followed by the others; only the leader probes an open circuit; routes of the group
 * {@value Leadership#SINGLETON_GROUP} (pollers) run on the leader only.
 * <p>
 * A circuit's changes are also stored (table {@code system_circuit}, with a version raised at every change): a
 * gateway restarted while a circuit was open keeps it open and probes it at once, and a node that starts while a
 * circuit is open elsewhere, or missed a broadcast, follows the stored state at start and at every re-read.
 */
@Component
public class SystemControl {

    private static final Logger log = LoggerFactory.getLogger(SystemControl.class);

    /** The circuit of one target. */
    public enum Circuit { CLOSED, OPEN, HALF_OPEN }

    /**
     * What operators see of one system.
     *
     * @param delivering whether its delivery route is consuming right now (false while held)
     */
    public record State(boolean paused, Circuit circuit, int consecutiveFailures, OffsetDateTime openedAt,
                        String lastProbe, boolean delivering) {
    }

    /** Who paused a system, when and why. */
    public record PauseNote(String by, OffsetDateTime at, String reason) {
    }

    private static final class Breaker {
        volatile Circuit circuit = Circuit.CLOSED;
        volatile int failures;
        volatile OffsetDateTime openedAt;
        volatile Duration nextProbeDelay;
        volatile String lastProbe;
        /** Whether a probe is due on this node's executor (one chain of probes per open circuit). */
        volatile boolean probing;
        /** The version of the stored circuit this node last wrote or followed ({@code system_circuit}). */
        volatile long version;
    }

    /** A row of {@code system_circuit}. */
    private record Stored(String system, Circuit circuit, OffsetDateTime openedAt, String by, long version) {
    }

    private final Catalog catalog;
    private final CamelContext camel;
    private final JdbcTemplate jdbc;
    private final DeliveryProperties properties;
    private final Leadership leadership;
    private final ControlBroadcast broadcast;
    private final TransactionTemplate tx;
    private final Map<String, Breaker> breakers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "system-control");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public SystemControl(Catalog catalog, @Lazy CamelContext camel, JdbcTemplate jdbc,
                         DeliveryProperties properties, Leadership leadership, ControlBroadcast broadcast,
                         ClusterProperties cluster, TransactionTemplate tx) {
        this.catalog = catalog;
        this.camel = camel;
        this.jdbc = jdbc;
        this.properties = properties;
        this.leadership = leadership;
        this.broadcast = broadcast;
        this.tx = tx;
        if (cluster.enabled()) {
            // A pause made on another node whose broadcast this node missed (broker outage, start-up) still holds.
            long every = cluster.reconcileInterval().toMillis();
            executor.scheduleWithFixedDelay(this::reconcile, every, every, TimeUnit.MILLISECONDS);
        }
    }

    public static String routeId(String system) {
        return system + "-out-deliver";
    }

    public boolean isPaused(String system) {
        return Boolean.TRUE.equals(jdbc.query("SELECT paused FROM system_control WHERE system_id = ?",
                rs -> rs.next() ? rs.getBoolean(1) : Boolean.FALSE, system));
    }

    /** Who last paused or resumed {@code system}, and why; empty when no operator ever did. */
    public Optional<PauseNote> pauseNote(String system) {
        return jdbc.query("SELECT changed_by, changed_at, reason FROM system_control WHERE system_id = ?",
                (rs, i) -> new PauseNote(rs.getString(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3)),
                system).stream().findFirst();
    }

    /**
     * Whether deliveries to {@code system} are meant to be held (circuit open or paused). A delivery can still
     * fail in that state while its route is being suspended; such a failure spends no attempt.
     */
    public boolean isHeld(String system) {
        return breaker(system).circuit == Circuit.OPEN || isPaused(system);
    }

    public State state(String system) {
        Breaker b = breaker(system);
        List<String> routes = heldRoutes(system);
        ServiceStatus route = routes.isEmpty() ? null : camel.getRouteController().getRouteStatus(routes.get(0));
        return new State(isPaused(system), b.circuit, b.failures, b.openedAt, b.lastProbe,
                route != null && route.isStarted());
    }

    /** Whether the gateway exchanges messages with {@code system} through routes it can hold. */
    public boolean hasDeliveryRoute(String system) {
        return !heldRoutes(system).isEmpty();
    }

    /**
     * The routes a hold of {@code system} stops: its delivery route ({@code <id>-out-deliver}), or for a system
     * served by its own routes (the national axis) its sending ({@code <id>-out-send}) and polling
     * ({@code <id>-in-poll}) routes. A held sending route consumes nothing, so no attempt is spent; a held poll
     * takes nothing from the system.
     */
    List<String> heldRoutes(String system) {
        return Stream.of(routeId(system), system + "-out-send", system + "-in-poll")
                .filter(id -> camel.getRouteController().getRouteStatus(id) != null).toList();
    }

    /**
     * Pauses or resumes a system for planned maintenance; the choice survives a restart. Resuming also ends an
     * open circuit's wait: the operator says the system is back, so the next delivery is the trial.
     */
    public void setPaused(String system, boolean paused, String by, String reason) {
        if (!paused) {
            endOpenWait(system, by, true);
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (jdbc.update("UPDATE system_control SET paused = ?, changed_by = ?, changed_at = ?, reason = ?"
                + " WHERE system_id = ?", paused, by, now, reason, system) == 0) {
            jdbc.update("INSERT INTO system_control (system_id, paused, changed_by, changed_at, reason)"
                    + " VALUES (?, ?, ?, ?, ?)", system, paused, by, now, reason);
        }
        applyNow(system);
        tellOthers(paused ? Change.PAUSED : Change.RESUMED, system);
    }

    private void endOpenWait(String system, String by, boolean store) {
        Breaker b = breaker(system);
        if (b.circuit == Circuit.OPEN) {
            log.info("Circuit of {} half-open: resumed by {}", system, by);
            b.circuit = Circuit.HALF_OPEN;
            if (store) {
                executor.execute(() -> store(system, b));
            }
        }
    }

    /**
     * What another node of the cluster broadcast ({@code routes/cluster/cluster-in-control.yaml}): this node holds
     * or releases the system's routes the same way, without broadcasting again.
     */
    public void onBroadcast(String change, String system, String node) {
        if (broadcast.fromHere(node) || system == null || catalog.system(system).isEmpty()) {
            return;
        }
        switch (Change.valueOf(change)) {
            case PAUSED -> log.info("{} paused on node {}", system, node);
            case RESUMED -> {
                log.info("{} resumed on node {}", system, node);
                endOpenWait(system, "an operator on node " + node, false);
            }
            case CIRCUIT_OPEN -> follow(system, Circuit.OPEN, null, "node " + node);
            case CIRCUIT_HALF_OPEN -> follow(system, Circuit.HALF_OPEN, null, "node " + node);
            case CIRCUIT_CLOSED -> follow(system, Circuit.CLOSED, null, "node " + node);
        }
        applyNow(system);
    }

    /**
     * Takes the circuit state another node decided (its broadcast, or the stored row): holds or releases
     * deliveries here the same way, and probes an open circuit if this node leads. Changes nothing when this node
     * is already in that state.
     */
    private void follow(String system, Circuit circuit, OffsetDateTime openedAt, String from) {
        Breaker b = breaker(system);
        switch (circuit) {
            case OPEN -> {
                if (b.circuit != Circuit.OPEN) {
                    log.warn("Circuit of {} opened by {}; deliveries wait here too", system, from);
                    b.circuit = Circuit.OPEN;
                    b.openedAt = openedAt == null ? now() : openedAt;
                    b.nextProbeDelay = properties.circuitOpenDuration();
                    scheduleProbe(system, b, b.nextProbeDelay);
                }
            }
            case HALF_OPEN -> {
                if (b.circuit == Circuit.OPEN) {
                    log.info("Circuit of {} half-open: {} found it healthy", system, from);
                    b.circuit = Circuit.HALF_OPEN;
                }
            }
            case CLOSED -> {
                b.failures = 0;
                if (b.circuit != Circuit.CLOSED) {
                    log.info("Circuit of {} closed: a delivery from {} succeeded", system, from);
                    b.circuit = Circuit.CLOSED;
                    b.openedAt = null;
                }
            }
        }
    }

    /**
     * Puts back the circuits stored before this gateway started (call before the delivery routes are created, so a
     * system whose circuit is open gets its route created held): an open circuit stays open and, on the leader, is
     * probed at once, so a department that came back while the gateway was down gets its deliveries at once.
     */
    public void restoreCircuits() {
        for (Stored row : storedCircuits()) {
            if (catalog.system(row.system()).isEmpty()) {
                continue;
            }
            Breaker b = breaker(row.system());
            b.version = row.version();
            if (row.circuit() == Circuit.CLOSED || b.circuit == row.circuit()) {
                continue;
            }
            b.circuit = row.circuit();
            b.openedAt = row.openedAt();
            if (row.circuit() == Circuit.OPEN) {
                b.nextProbeDelay = properties.circuitOpenDuration();
                log.warn("Circuit of {} was open when the gateway started (opened {} by {}); deliveries wait until a"
                        + " probe finds it healthy", row.system(), row.openedAt(), row.by());
                scheduleProbe(row.system(), b, Duration.ZERO);
            } else {
                log.info("Circuit of {} was half-open when the gateway started: the next delivery is the trial",
                        row.system());
            }
        }
    }

    /** Follows the circuit changes other nodes stored since this node last looked (those it did not hear of). */
    private void followStored() {
        for (Stored row : storedCircuits()) {
            Breaker b = breaker(row.system());
            if (row.version() > b.version && catalog.system(row.system()).isPresent()) {
                follow(row.system(), row.circuit(), row.openedAt(), row.by() + " (stored)");
                b.version = row.version();
            }
        }
    }

    private List<Stored> storedCircuits() {
        return jdbc.query("SELECT system_id, circuit, opened_at, changed_by, version FROM system_circuit",
                (rs, i) -> new Stored(rs.getString(1), Circuit.valueOf(rs.getString(2)),
                        rs.getObject(3, OffsetDateTime.class), rs.getString(4), rs.getLong(5)));
    }

    /** Stores the circuit this node just moved to, under the next version (on the control thread, never a delivery's). */
    private void store(String system, Breaker b) {
        Circuit circuit = b.circuit;
        OffsetDateTime openedAt = b.openedAt;
        String by = "node " + leadership.nodeId();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try {
            Long version = tx.execute(status -> {
                List<Long> current = jdbc.queryForList(
                        "SELECT version FROM system_circuit WHERE system_id = ? FOR UPDATE", Long.class, system);
                long next = current.isEmpty() ? 1 : current.get(0) + 1;
                if (current.isEmpty()) {
                    jdbc.update("INSERT INTO system_circuit (system_id, circuit, opened_at, changed_by, changed_at,"
                            + " version) VALUES (?, ?, ?, ?, ?, ?)", system, circuit.name(), openedAt, by, now, next);
                } else {
                    jdbc.update("UPDATE system_circuit SET circuit = ?, opened_at = ?, changed_by = ?, changed_at = ?,"
                            + " version = ? WHERE system_id = ?", circuit.name(), openedAt, by, now, next, system);
                }
                return next;
            });
            if (version != null && version > b.version) {
                b.version = version;
            }
        } catch (RuntimeException e) {
            // The broadcast still tells the running nodes; only a restart before the next change misses this one.
            log.warn("Could not store the circuit of {} ({}): {}", system, circuit, e.toString());
        }
    }

    /** This node became or stopped being the leader: its pollers start or stop, and it takes over the probes. */
    @EventListener
    public void onLeadershipChanged(Leadership.LeadershipChanged change) {
        try {
            executor.execute(() -> {
                applyAll();
                if (change.leader()) {
                    breakers.forEach((system, b) -> {
                        if (b.circuit == Circuit.OPEN) {
                            scheduleProbe(system, b, Duration.ZERO);
                        }
                    });
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("Leadership changed while this node stops; nothing to apply");
        }
    }

    /** A delivery to {@code system} failed transiently. */
    public void recordFailure(String system) {
        Breaker b = breaker(system);
        b.failures++;
        if (b.circuit == Circuit.HALF_OPEN || (b.circuit == Circuit.CLOSED
                && b.failures >= properties.circuitFailureThreshold())) {
            open(system, b);
        }
    }

    /** A delivery to {@code system} succeeded. */
    public void recordSuccess(String system) {
        Breaker b = breaker(system);
        b.failures = 0;
        if (b.circuit != Circuit.CLOSED) {
            log.info("Circuit of {} closed: a delivery succeeded", system);
            b.circuit = Circuit.CLOSED;
            b.openedAt = null;
            tellOthers(Change.CIRCUIT_CLOSED, system);
        }
    }

    /** Puts every system's route in the state its controls ask for; called once routes exist. */
    public void applyAll() {
        catalog.systems().forEach(s -> apply(s.id()));
        applySingletons();
    }

    /** One round of the cluster's periodic re-read; a failed round is retried by the next, not by a chain of its own. */
    void reconcile() {
        try {
            followStored();
            catalog.systems().forEach(s -> applyOnce(s.id()));
            applySingletons();
        } catch (RuntimeException e) {
            // A failed round must not end the schedule (an exception would).
            log.warn("Could not re-read the pauses from the database (trying again in the next round): {}",
                    e.toString());
        }
    }

    /** Pollers no system's hold governs (e.g. status-folder readers): on the leader only. */
    private synchronized void applySingletons() {
        List<String> governed = catalog.systems().stream().flatMap(s -> heldRoutes(s.id()).stream()).toList();
        for (Route route : camel.getRoutes()) {
            if (!singleton(route.getId()) || governed.contains(route.getId())) {
                continue;
            }
            try {
                changeRoute(route.getId(), leadership.isLeader(), "not the cluster leader");
            } catch (IllegalStateException e) {
                // The next reconcile round or leadership change tries again.
                log.error("Could not apply the cluster leadership to {}: {}", route.getId(), e.toString(), e);
            }
        }
    }

    private boolean singleton(String routeId) {
        Route route = camel.getRoute(routeId);
        return route != null && Leadership.SINGLETON_GROUP.equals(route.getGroup());
    }

    private void open(String system, Breaker b) {
        b.circuit = Circuit.OPEN;
        b.openedAt = now();
        b.nextProbeDelay = properties.circuitOpenDuration();
        log.warn("Circuit of {} opened after {} consecutive transient failures; deliveries wait, probing in {}",
                system, b.failures, b.nextProbeDelay);
        applyNow(system);
        tellOthers(Change.CIRCUIT_OPEN, system);
        scheduleProbe(system, b, b.nextProbeDelay);
    }

    /** Starts the probes of an open circuit, on the leader only (another node's probes would only repeat them). */
    private void scheduleProbe(String system, Breaker b, Duration delay) {
        synchronized (b) {
            if (!leadership.isLeader() || b.probing) {
                return;
            }
            b.probing = true;
        }
        executor.schedule(() -> probe(system), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void probe(String system) {
        Breaker b = breaker(system);
        if (b.circuit != Circuit.OPEN || !leadership.isLeader()) {
            // Closed meanwhile, or another node leads now and probes (it took over the open circuits).
            b.probing = false;
            return;
        }
        ConnectedSystem target = catalog.system(system).orElse(null);
        String verdict;
        try {
            verdict = target == null ? "unknown system" : healthy(target);
        } catch (RuntimeException e) {
            // Whatever goes wrong, the next probe is scheduled: a circuit must never stay open for want of one.
            verdict = "probe failed: " + e;
        }
        b.lastProbe = OffsetDateTime.now(ZoneOffset.UTC) + " " + (verdict == null ? "healthy" : verdict);
        if (verdict == null) {
            log.info("Probe of {} succeeded; circuit half-open, deliveries resume", system);
            b.circuit = Circuit.HALF_OPEN;
            b.probing = false;
            apply(system);
            tellOthers(Change.CIRCUIT_HALF_OPEN, system);
            return;
        }
        Duration max = target == null ? Duration.ofMinutes(5) : target.delivery().maxDelay();
        Duration next = b.nextProbeDelay.multipliedBy(2);
        b.nextProbeDelay = next.compareTo(max) > 0 ? max : next;
        log.info("Probe of {} failed ({}); next probe in {}", system, verdict, b.nextProbeDelay);
        executor.schedule(() -> probe(system), b.nextProbeDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Null when the target looks able to take messages, else why not. */
    String healthy(ConnectedSystem target) {
        if (target.protocol() == Protocol.FILE) {
            Path folder = Path.of(target.endpoint());
            return Files.isDirectory(folder) && Files.isWritable(folder) ? null : "folder " + folder
                    + " is not writable";
        }
        if (target.protocol() == Protocol.JMS) {
            return null;
        }
        if (target.protocol() == Protocol.SFTP) {
            // The SSH server answering a connection is as far as a probe goes without logging in.
            URI server = URI.create(target.endpoint());
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress(server.getHost(), server.getPort() < 0 ? 22
                        : server.getPort()), (int) target.delivery().timeout().toMillis());
                return null;
            } catch (IOException e) {
                return e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }
        try {
            // A SOAP service answers a plain GET with a fault (HTTP 500); its agreed health answer is its WSDL.
            String probe = target.protocol() == Protocol.SOAP ? target.endpoint() + "?wsdl" : target.endpoint();
            HttpRequest request = HttpRequest.newBuilder(URI.create(probe))
                    .timeout(target.delivery().timeout()).GET().build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return FailureClassifier.isHealthyProbeAnswer(status) ? null : "HTTP " + status;
        } catch (IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private void applyNow(String system) {
        // Route changes must not run on the delivery thread that reported the failure (it would wait for itself).
        executor.execute(() -> apply(system));
    }

    /**
     * Stores a circuit change and broadcasts any change, off the caller's thread: a delivery thread's JMS
     * transaction must not carry it.
     */
    private void tellOthers(Change change, String system) {
        executor.execute(() -> {
            if (change != Change.PAUSED && change != Change.RESUMED) {
                store(system, breaker(system));
            }
            broadcast.send(change, system);
        });
    }

    private synchronized void apply(String system) {
        try {
            applyOnce(system);
        } catch (Exception e) {
            // E.g. the database did not answer isPaused: try again, or the route could stay held for good.
            log.error("Could not change the routes of {} (trying again in 5 s): {}", system, e.toString(), e);
            executor.schedule(() -> apply(system), 5, TimeUnit.SECONDS);
        }
    }

    /** Puts the system's routes in the state its controls ask for; throws when the database or a route fails. */
    private synchronized void applyOnce(String system) {
        boolean paused = isPaused(system);
        boolean shouldRun = !paused && breaker(system).circuit != Circuit.OPEN;
        for (String routeId : heldRoutes(system)) {
            boolean notLeader = singleton(routeId) && !leadership.isLeader();
            changeRoute(routeId, shouldRun && !notLeader, paused ? "paused by an operator"
                    : shouldRun ? "not the cluster leader" : "circuit open");
        }
    }

    private void changeRoute(String routeId, boolean shouldRun, String whyHeld) {
        ServiceStatus status = camel.getRouteController().getRouteStatus(routeId);
        if (status == null) {
            return;
        }
        try {
            if (shouldRun && status.isSuspended()) {
                camel.getRouteController().resumeRoute(routeId);
                log.info("Route {} resumed", routeId);
            } else if (shouldRun && status.isStopped()) {
                // Created stopped because its system was paused when the gateway started.
                camel.getRouteController().startRoute(routeId);
                log.info("Route {} started", routeId);
            } else if (!shouldRun && status.isStarted()) {
                camel.getRouteController().suspendRoute(routeId);
                log.info("Route {} held ({})", routeId, whyHeld);
            }
        } catch (Exception e) {
            throw new IllegalStateException("route " + routeId + " could not be " + (shouldRun ? "started" : "held"), e);
        }
    }

    /** Now, to the millisecond: the precision a stored circuit keeps on every database, so all nodes show the same. */
    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }

    private Breaker breaker(String system) {
        return breakers.computeIfAbsent(system, s -> new Breaker());
    }

    @PreDestroy
    void shutdown() {
        executor.shutdownNow();
    }
}
