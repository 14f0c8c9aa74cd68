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
    }

    private final Catalog catalog;
    private final CamelContext camel;
    private final JdbcTemplate jdbc;
    private final DeliveryProperties properties;
    private final Leadership leadership;
    private final ControlBroadcast broadcast;
    private final Map<String, Breaker> breakers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "system-control");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public SystemControl(Catalog catalog, @Lazy CamelContext camel, JdbcTemplate jdbc,
                         DeliveryProperties properties, Leadership leadership, ControlBroadcast broadcast,
                         ClusterProperties cluster) {
        this.catalog = catalog;
        this.camel = camel;
        this.jdbc = jdbc;
        this.properties = properties;
        this.leadership = leadership;
        this.broadcast = broadcast;
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
            endOpenWait(system, by);
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

    private void endOpenWait(String system, String by) {
        Breaker b = breaker(system);
        if (b.circuit == Circuit.OPEN) {
            log.info("Circuit of {} half-open: resumed by {}", system, by);
            b.circuit = Circuit.HALF_OPEN;
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
        Breaker b = breaker(system);
        switch (Change.valueOf(change)) {
            case PAUSED -> log.info("{} paused on node {}", system, node);
            case RESUMED -> {
                log.info("{} resumed on node {}", system, node);
                endOpenWait(system, "an operator on node " + node);
            }
            case CIRCUIT_OPEN -> {
                if (b.circuit != Circuit.OPEN) {
                    log.warn("Circuit of {} opened on node {}; deliveries wait here too", system, node);
                    b.circuit = Circuit.OPEN;
                    b.openedAt = OffsetDateTime.now(ZoneOffset.UTC);
                    b.nextProbeDelay = properties.circuitOpenDuration();
                    scheduleProbe(system, b, b.nextProbeDelay);
                }
            }
            case CIRCUIT_HALF_OPEN -> {
                if (b.circuit == Circuit.OPEN) {
                    log.info("Circuit of {} half-open: node {} found it healthy", system, node);
                    b.circuit = Circuit.HALF_OPEN;
                }
            }
            case CIRCUIT_CLOSED -> {
                b.failures = 0;
                if (b.circuit != Circuit.CLOSED) {
                    log.info("Circuit of {} closed: a delivery from node {} succeeded", system, node);
                    b.circuit = Circuit.CLOSED;
                    b.openedAt = null;
                }
            }
        }
        applyNow(system);
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
    private void reconcile() {
        try {
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
        b.openedAt = OffsetDateTime.now(ZoneOffset.UTC);
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

    /** Broadcasts off the caller's thread: a delivery thread's JMS transaction must not carry it. */
    private void tellOthers(Change change, String system) {
        executor.execute(() -> broadcast.send(change, system));
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

    private Breaker breaker(String system) {
        return breakers.computeIfAbsent(system, s -> new Breaker());
    }

    @PreDestroy
    void shutdown() {
        executor.shutdownNow();
    }
}
