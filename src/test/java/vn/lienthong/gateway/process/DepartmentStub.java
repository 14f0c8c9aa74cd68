package vn.lienthong.gateway.process;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * A REST department outside the gateway's JVM, for tests that crash or measure the gateway: answers
 * {@code POST /stub/dossiers} after a configurable delay and remembers every Idempotency-Key and when
 * each dossier first arrived; {@code /stub/callbacks} swallows the one-stop callbacks.
 */
public final class DepartmentStub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final Duration delay;
    /** How many times each Idempotency-Key arrived. */
    public final Map<String, AtomicInteger> deliveriesByKey = new ConcurrentHashMap<>();
    /** The key and first arrival (System.nanoTime) of each dossier. */
    public final Map<String, String> keyByDossier = new ConcurrentHashMap<>();
    public final Map<String, Long> firstArrivalNanos = new ConcurrentHashMap<>();
    /** Every Idempotency-Key each dossier arrived with (one, unless a delivery was made twice under new ids). */
    public final Map<String, Set<String>> keysByDossier = new ConcurrentHashMap<>();
    public final AtomicInteger requests = new AtomicInteger();
    /** While true, every request to {@code /stub/dossiers} (delivery or health probe) is answered 503 at once. */
    public final AtomicBoolean down = new AtomicBoolean();

    public DepartmentStub(int port, Duration delay) throws IOException {
        this.delay = delay;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.setExecutor(executor);
        server.createContext("/stub/dossiers", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                if (down.get()) {
                    body.readAllBytes();
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                if ("POST".equals(exchange.getRequestMethod())) {
                    String dossier = JSON.readTree(body).path("dossierCode").asText();
                    if (!delay.isZero()) {
                        TimeUnit.MILLISECONDS.sleep(delay.toMillis());
                    }
                    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                    requests.incrementAndGet();
                    deliveriesByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                    firstArrivalNanos.putIfAbsent(dossier, System.nanoTime());
                    keyByDossier.put(dossier, key);
                    keysByDossier.computeIfAbsent(dossier, d -> ConcurrentHashMap.newKeySet()).add(key);
                }
                exchange.sendResponseHeaders(201, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(503, -1);
            } finally {
                exchange.close();
            }
        });
        server.createContext("/stub/callbacks", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    /** How many deliveries arrived more than once (at-least-once duplicates). */
    public int duplicates() {
        return requests.get() - deliveriesByKey.size();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
