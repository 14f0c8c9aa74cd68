package vn.lienthong.gateway.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * The throughput benchmark ({@code ./mvnw -B -Pbenchmark verify}): the packaged gateway as its own JVM,
 * a REST department that answers at once, and concurrent one-stop clients. Prints intake latency and
 * throughput (202 answers: durable in the broker) and end-to-end latency (202 to the department) to the
 * console and {@code target/benchmark-figures.txt}. Not part of the normal test run.
 */
class ThroughputBenchmark {

    private static final int WARM_UP = Integer.getInteger("benchmark.warmup", 300);
    private static final int DOSSIERS = Integer.getInteger("benchmark.dossiers", 3000);
    private static final int CLIENTS = Integer.getInteger("benchmark.clients", 8);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void intakeAndDeliveryThroughput() throws Exception {
        int departmentPort = GatewayProcess.freePort();
        try (DepartmentStub department = new DepartmentStub(departmentPort, Duration.ZERO);
             GatewayProcess gateway = new GatewayProcess(work, departmentPort,
                     "{ maxAttempts: 5, initialDelay: 500ms, multiplier: 2, maxDelay: 5s, timeout: 10s }")) {
            gateway.start("benchmark");
            String template = Files.readString(Path.of("src/test/resources/samples/dossiers/business-single.json"));

            run(gateway, department, template, "WARM", WARM_UP);
            Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
            long[] intakeNanos = new long[DOSSIERS];
            long start = System.nanoTime();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < DOSSIERS; i++) {
                int n = i;
                work.add(clients.submit(() -> {
                    String code = "BENCH-" + n;
                    long t0 = System.nanoTime();
                    int status = gateway.submit(dossier(template, code));
                    long t1 = System.nanoTime();
                    assertThat(status).isEqualTo(202);
                    intakeNanos[n] = t1 - t0;
                    acceptedAt.put(code, t1);
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(5, TimeUnit.MINUTES);
            }
            long intakeDone = System.nanoTime();
            clients.shutdown();
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() ->
                    department.firstArrivalNanos.keySet().containsAll(acceptedAt.keySet()));
            long lastArrival = acceptedAt.keySet().stream().mapToLong(department.firstArrivalNanos::get).max()
                    .orElseThrow();
            long[] endToEnd = acceptedAt.entrySet().stream()
                    .mapToLong(e -> department.firstArrivalNanos.get(e.getKey()) - e.getValue()).toArray();

            String figures = String.join(System.lineSeparator(),
                    "BENCHMARK " + DOSSIERS + " dossiers, " + CLIENTS + " concurrent clients, after " + WARM_UP
                            + " warm-up; " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                            + System.getProperty("java.version"),
                    String.format("intake throughput      %8.1f dossiers/s (202 = durable in the broker)",
                            DOSSIERS / seconds(intakeDone - start)),
                    "intake latency (ms)    " + percentiles(intakeNanos),
                    String.format("delivery throughput    %8.1f dossiers/s (first 202 to last arrival)",
                            DOSSIERS / seconds(lastArrival - start)),
                    "end-to-end latency (ms) " + percentiles(endToEnd),
                    "duplicates delivered   " + department.duplicates());
            System.out.println(figures);
            Files.writeString(Path.of("target", "benchmark-figures.txt"), figures + System.lineSeparator());
        }
    }

    private static void run(GatewayProcess gateway, DepartmentStub department, String template, String prefix,
                            int count) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Integer>> work = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String code = prefix + "-" + i;
            work.add(clients.submit(() -> gateway.submit(dossier(template, code))));
        }
        for (Future<Integer> f : work) {
            assertThat(f.get(5, TimeUnit.MINUTES)).isEqualTo(202);
        }
        clients.shutdown();
        await().atMost(Duration.ofMinutes(5)).until(() -> department.firstArrivalNanos.size() >= count);
    }

    private static String dossier(String template, String code) throws Exception {
        ObjectNode d = (ObjectNode) JSON.readTree(template);
        d.put("dossierCode", code);
        d.put("procedureCode", GatewayProcess.PROCEDURE);
        return d.toString();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("p50 %7.1f  p95 %7.1f  p99 %7.1f  max %7.1f", ms(sorted, 0.50), ms(sorted, 0.95),
                ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
