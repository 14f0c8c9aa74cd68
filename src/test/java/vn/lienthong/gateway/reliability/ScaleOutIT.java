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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.lienthong.gateway.TestDatabase;
import vn.lienthong.gateway.process.ArtemisDistribution;
import vn.lienthong.gateway.process.DepartmentStub;
import vn.lienthong.gateway.process.GatewayProcess;

/**
 * Two gateway nodes, one broker, one database, as docs/production.md describes: the standalone Artemis
 * distribution (configured from that page), PostgreSQL, and two packaged gateways in the {@code prod} profile.
 * The one-stop software spreads its dossiers over both nodes (a load balancer would); both nodes deliver
 * (competing consumers of the same queues); one node is killed with SIGKILL in mid-flow; the load balancer then
 * sends everything to the other node; every dossier accepted by either node reaches the department.
 */
class ScaleOutIT {

    private static final int DOSSIERS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DELIVERED = Pattern.compile(
            "gateway_delivery_seconds_count\\{[^}]*outcome=\"delivered\"[^}]*system=\"stub-department\"[^}]*} (\\S+)");

    @TempDir
    Path work;

    @Test
    void twoNodesShareTheWorkAndKillingOneLosesNothing() throws Exception {
        String schema = "gw_scale_out_" + ProcessHandle.current().pid();
        sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
        String db = TestDatabase.url() + "?currentSchema=" + schema;
        int departmentPort = GatewayProcess.freePort();
        String delivery = "{ maxAttempts: 20, initialDelay: 200ms, multiplier: 2, maxDelay: 2s, timeout: 10s }";
        try (ArtemisDistribution broker = new ArtemisDistribution(work.resolve("artemis"), GatewayProcess.freePort());
             DepartmentStub department = new DepartmentStub(departmentPort, Duration.ofMillis(200));
             GatewayProcess a = new GatewayProcess(work.resolve("a"), departmentPort, delivery)
                     .production(broker.url(), db, TestDatabase.user());
             GatewayProcess b = new GatewayProcess(work.resolve("b"), departmentPort, delivery)
                     .production(broker.url(), db, TestDatabase.user())) {
            broker.start();
            a.start("node-a");
            b.start("node-b");

            Set<String> accepted = ConcurrentHashMap.newKeySet();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<?>> sent = new ArrayList<>();
            for (int n = 0; n < DOSSIERS; n++) {
                int i = n;
                GatewayProcess node = n % 2 == 0 ? a : b;
                sent.add(clients.submit(() -> {
                    if (node.submit(dossier(i)) == 202) {
                        accepted.add(code(i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get(2, TimeUnit.MINUTES);
            }
            clients.shutdown();
            assertThat(accepted).as("both nodes accept").hasSize(DOSSIERS);

            // Both nodes deliver: node A has delivered some before it is killed, in mid-flow.
            await().atMost(Duration.ofSeconds(90)).until(() -> delivered(a) > 0 && department.keyByDossier.size() >= 60);
            double deliveredByA = delivered(a);
            int beforeKill = department.keyByDossier.size();
            assertThat(a.killNine()).isEqualTo(137);
            assertThat(beforeKill).as("the kill came in mid-flow").isLessThan(DOSSIERS);

            // The load balancer sends everything to node B from now on.
            for (int n = DOSSIERS; n < DOSSIERS + 20; n++) {
                assertThat(b.submit(dossier(n))).isEqualTo(202);
                accepted.add(code(n));
            }
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500))
                    .until(() -> department.keyByDossier.keySet().containsAll(accepted));
            long lost = accepted.stream().filter(code -> !department.keyByDossier.containsKey(code)).count();
            double deliveredByB = delivered(b);
            String figures = "SCALE-OUT TEST: nodes=2 accepted=" + accepted.size() + " deliveredBeforeKill=" + beforeKill
                    + " deliveredByNodeABeforeKill=" + (long) deliveredByA + " deliveredByNodeB=" + (long) deliveredByB
                    + " lost=" + lost + " deliveryRequests=" + department.requests.get()
                    + " duplicates=" + department.duplicates();
            System.out.println(figures);
            Files.writeString(Path.of("target", "scale-out-test-figures.txt"), figures + System.lineSeparator());
            assertThat(lost).isZero();
            assertThat(department.deliveriesByKey).as("one delivery id per dossier").hasSize(accepted.size());
            assertThat(deliveredByA).as("node A delivered part of the work").isGreaterThan(0);
            assertThat(deliveredByB).as("node B delivered part of the work").isGreaterThan(0);
            assertThat(b.health("/actuator/health/readiness")).isEqualTo(200);
        } finally {
            sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /** Deliveries to the department made by this node, from its own Prometheus scrape. */
    private static double delivered(GatewayProcess node) {
        Matcher m = DELIVERED.matcher(node.operatorGet("/actuator/prometheus"));
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static String code(int n) {
        return "SCALE-" + n;
    }

    private static String dossier(int n) throws Exception {
        ObjectNode d = (ObjectNode) JSON.readTree(
                Files.readString(Path.of("src/test/resources/samples/dossiers/business-single.json")));
        d.put("dossierCode", code(n));
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
