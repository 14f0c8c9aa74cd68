package vn.lienthong.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.lienthong.gateway.TestDatabase;
import vn.lienthong.gateway.process.ArtemisDistribution;
import vn.lienthong.gateway.process.DepartmentStub;
import vn.lienthong.gateway.process.GatewayProcess;

/**
 * Two gateway nodes in the {@code prod} profile on the standalone Artemis distribution and PostgreSQL, as
 * docs/production.md describes, hold the same controls and run the singletons once: a system paused on one node is
 * held on the other until resumed there; a circuit opened by one node's failures is open on both and closed on both
 * after the leader's probe; the retention purge (scheduled every 2 s here) runs on exactly one node, and when that
 * node is killed with SIGKILL the other takes it over within the lock's time to live.
 */
class ClusterControlIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PURGE = Pattern.compile("Retention purge:");
    private static final String SYSTEM = "stub-department";
    /** The documented bound: lock-ttl (10 s) + heartbeat (1 s), plus the purge's own 2 s schedule and slack. */
    private static final Duration TAKEOVER_BOUND = Duration.ofSeconds(30);

    @TempDir
    Path work;

    @Test
    void pauseAndCircuitAreTheSameOnBothNodesAndTheSingletonsRunOnOneThatTheOtherReplaces() throws Exception {
        String schema = "gw_cluster_" + ProcessHandle.current().pid();
        sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
        String db = TestDatabase.url() + "?currentSchema=" + schema;
        int departmentPort = GatewayProcess.freePort();
        String delivery = "{ maxAttempts: 50, initialDelay: 200ms, multiplier: 2, maxDelay: 2s, timeout: 10s }";
        String[] settings = {"--gateway.retention.cron=*/2 * * * * *", "--gateway.delivery.circuit-failure-threshold=3",
                "--gateway.delivery.circuit-open-duration=1s"};
        List<String> figures = new ArrayList<>();
        try (ArtemisDistribution broker = new ArtemisDistribution(work.resolve("artemis"), GatewayProcess.freePort());
             DepartmentStub department = new DepartmentStub(departmentPort, Duration.ZERO);
             GatewayProcess a = new GatewayProcess(work.resolve("a"), departmentPort, delivery)
                     .production(broker.url(), db, TestDatabase.user()).withArguments(settings);
             GatewayProcess b = new GatewayProcess(work.resolve("b"), departmentPort, delivery)
                     .production(broker.url(), db, TestDatabase.user()).withArguments(settings)) {
            broker.start();
            a.start("cluster-a");
            b.start("cluster-b");

            // The singletons: the purge runs on one node, again and again, and never on the other.
            await().atMost(Duration.ofSeconds(30)).until(() -> purges(a) + purges(b) >= 3);
            GatewayProcess leader = purges(a) > 0 ? a : b;
            GatewayProcess follower = leader == a ? b : a;
            await().atMost(Duration.ofSeconds(30)).until(() -> purges(leader) >= 4);
            assertThat(purges(follower)).as("the purge runs on the leader only").isZero();

            // A pause on node A holds node B's deliveries too, until resumed on node B.
            long pausedAt = System.nanoTime();
            assertThat(a.operatorPost("/api/v1/systems/" + SYSTEM + "/pause", "{\"reason\":\"maintenance\"}"))
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> system(b).path("paused").asBoolean() && !system(b).path("delivering").asBoolean());
            long pauseReachedB = (System.nanoTime() - pausedAt) / 1_000_000;
            figures.add("pauseReachedOtherNodeMs=" + pauseReachedB);
            List<String> held = new ArrayList<>();
            for (int n = 0; n < 5; n++) {
                assertThat(b.submit(dossier("HELD-" + n))).isEqualTo(202);
                held.add("HELD-" + n);
            }
            // Routed to the department's queue, and there they stay.
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> held.stream().allMatch(code -> eventTypes(b, code).contains("ROUTED")));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> held.stream().noneMatch(department.keyByDossier::containsKey));
            assertThat(b.operatorPost("/api/v1/systems/" + SYSTEM + "/resume", "{\"reason\":\"done\"}"))
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> department.keyByDossier.keySet().containsAll(held));
            await().atMost(Duration.ofSeconds(10)).until(() -> !system(a).path("paused").asBoolean()
                    && system(a).path("delivering").asBoolean());

            // A circuit opened by one node's failures is open on both; the leader's probe closes it on both.
            department.down.set(true);
            List<String> waiting = new ArrayList<>();
            for (int n = 0; n < 4; n++) {
                assertThat(a.submit(dossier("CIRCUIT-" + n))).isEqualTo(202);
                waiting.add("CIRCUIT-" + n);
            }
            // Open, and the delivery route held, on both nodes (the hold follows the circuit on the node's own thread).
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> held(a) && held(b));
            department.down.set(false);
            await().atMost(Duration.ofSeconds(40)).until(() -> department.keyByDossier.keySet().containsAll(waiting));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> "CLOSED".equals(system(a).path("circuit").asText())
                            && "CLOSED".equals(system(b).path("circuit").asText()));

            // The leader dies: the follower takes the singletons over within the lock's time to live.
            int followerPurgesBefore = purges(follower);
            assertThat(followerPurgesBefore).isZero();
            assertThat(leader.killNine()).isEqualTo(137);
            long killedAt = System.nanoTime();
            await().atMost(TAKEOVER_BOUND).pollInterval(Duration.ofMillis(200)).until(() -> purges(follower) > 0);
            long takeover = (System.nanoTime() - killedAt) / 1_000_000;
            figures.add("leaderTakeoverAfterKillMs=" + takeover);
            assertThat(follower.output()).contains("is now the cluster leader");
            // The survivor still delivers.
            assertThat(follower.submit(dossier("AFTER-KILL"))).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> department.keyByDossier.containsKey("AFTER-KILL"));

            String line = "CLUSTER CONTROL TEST: nodes=2 " + String.join(" ", figures);
            System.out.println(line);
            Files.writeString(Path.of("target", "cluster-control-test-figures.txt"), line + System.lineSeparator());
        } finally {
            sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /** How many retention purges the node has logged. */
    private static int purges(GatewayProcess node) throws Exception {
        Matcher m = PURGE.matcher(node.output());
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Whether the node shows the department's circuit open and its deliveries held. */
    private static boolean held(GatewayProcess node) throws Exception {
        JsonNode system = system(node);
        return "OPEN".equals(system.path("circuit").asText()) && !system.path("delivering").asBoolean();
    }

    /** The types of the dossier's tracking events, as the node's operator API shows them. */
    private static List<String> eventTypes(GatewayProcess node, String code) {
        List<String> types = new ArrayList<>();
        try {
            JSON.readTree(node.operatorGet("/api/v1/dossiers/" + code)).path("events")
                    .forEach(e -> types.add(e.path("type").asText()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return types;
    }

    /** The stub department as the node's operator API shows it. */
    private static JsonNode system(GatewayProcess node) throws Exception {
        for (JsonNode s : JSON.readTree(node.operatorGet("/api/v1/systems"))) {
            if (SYSTEM.equals(s.path("id").asText())) {
                return s;
            }
        }
        throw new AssertionError(SYSTEM + " missing from /api/v1/systems");
    }

    private static String dossier(String code) throws Exception {
        ObjectNode d = (ObjectNode) JSON.readTree(
                Files.readString(Path.of("src/test/resources/samples/dossiers/business-single.json")));
        d.put("dossierCode", code);
        d.put("procedureCode", GatewayProcess.PROCEDURE);
        return d.toString();
    }

    private static void sql(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(TestDatabase.url(), TestDatabase.user(), "");
             Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
