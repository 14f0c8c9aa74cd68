package vn.lienthong.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Requests that bring a body to the API are worked on at most N at a time; the next waits, before its body is read,
 * until one ends. Reads and the health probes are never held.
 */
class IntakeConcurrencyTest {

    @Test
    void aRequestBeyondTheLimitWaitsUntilOneEndsThenGoesOn() throws Exception {
        IntakeConcurrency.Limit limit = new IntakeConcurrency.Limit(1);
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger entered = new AtomicInteger();

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> run(limit, post("/api/v1/dossiers"), () -> {
            entered.incrementAndGet();
            firstInside.countDown();
            awaitLatch(releaseFirst);
        }));
        assertThat(firstInside.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> run(limit, post("/api/v1/dossiers"),
                entered::incrementAndGet));
        await().atMost(Duration.ofSeconds(10)).until(() -> limit.waiting() == 1);
        assertThat(entered).as("requests worked on while the first holds the only slot").hasValue(1);

        // A read, a probe and the console are not held by the full intake.
        AtomicInteger others = new AtomicInteger();
        run(limit, request("GET", "/api/v1/dossiers/H19.22-261121-0042"), others::incrementAndGet);
        run(limit, request("GET", "/actuator/health/liveness"), others::incrementAndGet);
        run(limit, request("POST", "/console/login"), others::incrementAndGet);
        assertThat(others).hasValue(3);

        releaseFirst.countDown();
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
        assertThat(entered).hasValue(2);
        assertThat(limit.waiting()).isZero();
    }

    @Test
    void aFailingRequestGivesItsSlotBack() throws Exception {
        IntakeConcurrency.Limit limit = new IntakeConcurrency.Limit(1);
        try {
            run(limit, post("/api/v1/status"), () -> {
                throw new IllegalStateException("boom");
            });
        } catch (IllegalStateException expected) {
            // the slot must be free again
        }
        AtomicInteger entered = new AtomicInteger();
        CompletableFuture.runAsync(() -> run(limit, post("/api/v1/dossiers"), entered::incrementAndGet))
                .get(10, TimeUnit.SECONDS);
        assertThat(entered).hasValue(1);
    }

    private static MockHttpServletRequest post(String uri) {
        return request("POST", uri);
    }

    private static MockHttpServletRequest request(String method, String uri) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
        request.setContent("{}".getBytes());
        return request;
    }

    private static void run(IntakeConcurrency.Limit limit, MockHttpServletRequest request, Runnable work) {
        try {
            limit.doFilter(request, new MockHttpServletResponse(), new MockFilterChain() {
                @Override
                public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
                    work.run();
                }
            });
        } catch (java.io.IOException | jakarta.servlet.ServletException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
