package vn.lienthong.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
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

import vn.lienthong.gateway.process.DepartmentStub;
import vn.lienthong.gateway.process.GatewayProcess;

/**
 * Nothing accepted is lost when the gateway is killed: the packaged gateway runs as its own JVM, 500
 * dossiers are accepted while the department is slow, the process is killed with SIGKILL in mid-flow,
 * started again on the same data directory, and every dossier reaches the department. Duplicates
 * (at-least-once) are counted; each carries the Idempotency-Key the department needs to drop it.
 */
class CrashRecoveryIT {

    private static final int DOSSIERS = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void killNineInMidFlowLosesNothing() throws Exception {
        int departmentPort = GatewayProcess.freePort();
        try (DepartmentStub department = new DepartmentStub(departmentPort, Duration.ofMillis(40));
             GatewayProcess gateway = new GatewayProcess(work, departmentPort,
                     "{ maxAttempts: 20, initialDelay: 200ms, multiplier: 2, maxDelay: 2s, timeout: 10s }")) {
            gateway.start("first");
            List<String> accepted = submitAll(gateway);
            assertThat(accepted).hasSize(DOSSIERS);

            // Kill the gateway while the department has received only part of them.
            await().atMost(Duration.ofSeconds(60)).until(() -> department.keyByDossier.size() >= 100);
            int beforeKill = department.keyByDossier.size();
            assertThat(gateway.killNine()).isEqualTo(137);
            assertThat(beforeKill).as("the kill came in mid-flow").isLessThan(DOSSIERS);

            gateway.start("second");
            try {
                await().atMost(Duration.ofSeconds(180))
                        .until(() -> department.keyByDossier.keySet().containsAll(accepted));
            } catch (RuntimeException e) {
                List<String> missing = accepted.stream().filter(c -> !department.keyByDossier.containsKey(c)).toList();
                for (String code : missing.subList(0, Math.min(3, missing.size()))) {
                    System.out.println("MISSING " + code + ": " + gateway.operatorGet("/api/v1/dossiers/" + code)
                            + " messages: " + gateway.operatorGet("/api/v1/messages?correlationId=" + code));
                }
                System.out.println("CRASH TEST STUCK: received " + department.keyByDossier.size() + " of " + DOSSIERS
                        + "; systems: " + gateway.operatorGet("/api/v1/systems") + "; retrying: "
                        + gateway.operatorGet("/api/v1/messages?state=RETRYING&size=5") + "; routed: "
                        + gateway.operatorGet("/api/v1/messages?state=ROUTED&size=5"));
                throw e;
            }

            long lost = accepted.stream().filter(code -> !department.keyByDossier.containsKey(code)).count();
            long duplicatedKeys = department.deliveriesByKey.values().stream().filter(n -> n.get() > 1).count();
            String figures = "CRASH TEST: accepted=" + accepted.size() + " deliveredBeforeKill=" + beforeKill
                    + " delivered=" + department.keyByDossier.size() + " lost=" + lost + " deliveryRequests="
                    + department.requests.get() + " duplicates=" + department.duplicates() + " duplicatedKeys="
                    + duplicatedKeys;
            System.out.println(figures);
            Files.writeString(Path.of("target", "crash-test-figures.txt"), figures + System.lineSeparator());
            assertThat(lost).isZero();
            // Each dossier had exactly one delivery id, whatever was sent twice.
            assertThat(department.deliveriesByKey).hasSize(DOSSIERS);
            // Tracking lost nothing either: every delivery ends DELIVERED in the message store.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(gateway.operatorGet(
                    "/api/v1/messages?system=stub-department&state=DELIVERED&size=1&page=" + (DOSSIERS - 1)))
                    .as("the 500th delivered message").contains("\"correlationId\":\"CRASH-"));
        }
    }

    private static List<String> submitAll(GatewayProcess gateway) throws Exception {
        String template = Files.readString(Path.of("src/test/resources/samples/dossiers/business-single.json"));
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < DOSSIERS; i++) {
            int n = i;
            results.add(clients.submit(() -> {
                ObjectNode d = (ObjectNode) JSON.readTree(template);
                d.put("dossierCode", "CRASH-" + n);
                d.put("procedureCode", GatewayProcess.PROCEDURE);
                int status = gateway.submit(d.toString());
                return status == 202 ? "CRASH-" + n : "refused " + status;
            }));
        }
        List<String> accepted = new ArrayList<>();
        for (Future<String> f : results) {
            accepted.add(f.get(60, TimeUnit.SECONDS));
        }
        clients.shutdown();
        assertThat(accepted).allMatch(s -> s.startsWith("CRASH-"));
        return accepted;
    }
}
