package vn.lienthong.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.lienthong.gateway.TestDatabase;
import vn.lienthong.gateway.process.BrokerProcess;
import vn.lienthong.gateway.process.DepartmentStub;
import vn.lienthong.gateway.process.GatewayProcess;

/**
 * Nothing accepted is lost when the broker dies: the gateway runs as production does (prod profile, an
 * external Artemis in its own JVM, PostgreSQL), dossiers are accepted while the department is slow, the
 * broker is killed with SIGKILL in mid-flow, dossiers sent during the outage are refused with 503 (never
 * accepted, never a 500), and once the broker is back on the same journal the gateway reconnects by itself
 * and every accepted dossier reaches the department.
 */
class BrokerCrashIT {

    private static final int DOSSIERS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void killNineOfTheBrokerLosesNothingAndTheGatewayRecoversByItself() throws Exception {
        String schema = "gw_broker_crash_" + ProcessHandle.current().pid();
        sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
        int departmentPort = GatewayProcess.freePort();
        try (DepartmentStub department = new DepartmentStub(departmentPort, Duration.ofMillis(40));
             BrokerProcess broker = new BrokerProcess(work.resolve("broker"), GatewayProcess.freePort());
             GatewayProcess gateway = new GatewayProcess(work, departmentPort,
                     "{ maxAttempts: 20, initialDelay: 200ms, multiplier: 2, maxDelay: 2s, timeout: 10s }")
                     .production(broker.url(), TestDatabase.url() + "?currentSchema=" + schema, TestDatabase.user())) {
            broker.start("first");
            gateway.start("prod");
            // Operators come from the operators file of bcrypt hashes (GATEWAY_OPERATORS_FILE).
            assertThat(gateway.operatorGet("/api/v1/systems")).contains("\"id\":\"stub-department\"");
            List<String> accepted = new ArrayList<>(submit(gateway, 0, DOSSIERS));
            assertThat(accepted).hasSize(DOSSIERS);

            // Kill the broker while the department has received only part of the dossiers.
            await().atMost(Duration.ofSeconds(60)).until(() -> department.keyByDossier.size() >= 50);
            int beforeKill = department.keyByDossier.size();
            assertThat(broker.killNine()).isEqualTo(137);
            assertThat(beforeKill).as("the kill came in mid-flow").isLessThan(DOSSIERS);

            // During the outage nothing is accepted: 503 with the reason, never a 2xx or a 500.
            List<HttpResponse<String>> refused = submitDuringOutage(gateway, 3);
            assertThat(refused).allSatisfy(r -> {
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(r.body()).contains("BROKER_UNAVAILABLE");
            });
            assertThat(gateway.health()).as("health shows the broker is down").isEqualTo(503);
            // A load balancer stops sending work (not ready), but nothing restarts the gateway (still live).
            assertThat(gateway.health("/actuator/health/readiness")).isEqualTo(503);
            assertThat(gateway.health("/actuator/health/liveness")).isEqualTo(200);

            broker.start("second");
            // The one-stop software sends the refused dossiers again; the gateway takes them once it reconnects.
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> gateway.submit(dossier(DOSSIERS)) == 202);
            accepted.add("BROKER-" + DOSSIERS);
            for (int n = DOSSIERS + 1; n < DOSSIERS + 3; n++) {
                assertThat(gateway.submit(dossier(n))).isEqualTo(202);
                accepted.add("BROKER-" + n);
            }

            await().atMost(Duration.ofSeconds(180)).until(() -> department.keyByDossier.keySet().containsAll(accepted));
            long lost = accepted.stream().filter(code -> !department.keyByDossier.containsKey(code)).count();
            String figures = "BROKER CRASH TEST: accepted=" + accepted.size() + " deliveredBeforeKill=" + beforeKill
                    + " refusedDuringOutage=" + refused.size() + " delivered=" + department.keyByDossier.size()
                    + " lost=" + lost + " deliveryRequests=" + department.requests.get() + " duplicates="
                    + department.duplicates();
            System.out.println(figures);
            Files.writeString(Path.of("target", "broker-crash-test-figures.txt"), figures + System.lineSeparator());
            assertThat(lost).isZero();
            assertThat(department.deliveriesByKey).as("one delivery id per dossier").hasSize(accepted.size());
            await().atMost(Duration.ofSeconds(30)).until(() -> gateway.health() == 200
                    && gateway.health("/actuator/health/readiness") == 200);
        } finally {
            sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static String dossier(int n) throws Exception {
        ObjectNode d = (ObjectNode) JSON.readTree(
                Files.readString(Path.of("src/test/resources/samples/dossiers/business-single.json")));
        d.put("dossierCode", "BROKER-" + n);
        d.put("procedureCode", GatewayProcess.PROCEDURE);
        return d.toString();
    }

    private static List<String> submit(GatewayProcess gateway, int from, int count) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = from; i < from + count; i++) {
                int n = i;
                results.add(clients.submit(() -> {
                    int status = gateway.submit(dossier(n));
                    return status == 202 ? "BROKER-" + n : "refused " + status;
                }));
            }
            List<String> accepted = new ArrayList<>();
            for (Future<String> f : results) {
                accepted.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(accepted).allMatch(s -> s.startsWith("BROKER-"));
            return accepted;
        } finally {
            clients.shutdown();
        }
    }

    private static List<HttpResponse<String>> submitDuringOutage(GatewayProcess gateway, int count) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(count);
        try {
            List<Future<HttpResponse<String>>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = DOSSIERS + i;
                results.add(clients.submit(() -> gateway.submitForAnswer(dossier(n))));
            }
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> f : results) {
                answers.add(f.get(90, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            clients.shutdown();
        }
    }

    private static void sql(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(TestDatabase.url(), TestDatabase.user(), ""); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
