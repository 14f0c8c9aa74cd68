package vn.lienthong.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import com.sun.net.httpserver.HttpServer;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.lienthong.gateway.GatewayTestSupport;
import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.catalog.ConnectedSystem;

/**
 * The delivery controls keep their promises in the awkward cases: a dead letter an operator discards (or the
 * broker gives up on) no longer holds back the rest of its dossier; a circuit always finds its way closed, survives
 * a restart and reaches a node that missed its broadcast; a system paused when the gateway starts delivers nothing
 * until it is resumed.
 */
class DeliveryControlE2ETest extends GatewayTestSupport {

    @Autowired
    DeadLetters deadLetters;
    @Autowired
    DeadLetterReplay replay;
    @Autowired
    DeliveryHolds holds;
    @Autowired
    SystemControl control;
    @Autowired
    Catalog catalog;
    @Autowired
    vn.lienthong.gateway.cluster.Leadership leadership;
    @Autowired
    CamelContext camel;
    @Autowired
    DeliveryFailures failures;
    @Autowired
    vn.lienthong.gateway.tracking.TrackingEvents events;
    @Autowired
    org.springframework.jms.core.JmsTemplate jms;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
    @Autowired
    DeliveryProperties properties;
    @Autowired
    vn.lienthong.gateway.cluster.ControlBroadcast broadcast;
    @Autowired
    vn.lienthong.gateway.cluster.ClusterProperties cluster;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;

    @Test
    void discardingTheDeadLetterThatHeldADossierLetsItsLaterMessagesGo() {
        String dossier = "HOLD-" + UUID.randomUUID();
        String messageId = UUID.randomUUID().toString();
        holds.hold("dpi-business", dossier, messageId, OffsetDateTime.now().plusMinutes(5));
        String id = deadLetters.record(messageId, dossier, "dpi-business", "dossier", "gateway.delivery.dpi-business",
                3, null, "INTERNAL_ERROR", "failed at every redelivery", "{}");

        replay.discard(id, "filed by hand at the counter", "operator");

        assertThat(holds.find("dpi-business", dossier)).as("the dossier's later messages wait for nothing").isEmpty();
    }

    @Test
    void aDeadLetterWhoseMessageWasDeliveredAfterAllIsNotReplayed() {
        String messageId = UUID.randomUUID().toString();
        String dossier = "LATE-" + messageId.substring(0, 8);
        String id = deadLetters.record(messageId, dossier, "dolisa-labour", "dossier",
                "gateway.delivery.dolisa-labour", 10, null, "INTERNAL_ERROR", "failed at every redelivery", "{}");
        // The broker's redelivery got through after the dead letter was recorded.
        events.publish(vn.lienthong.gateway.tracking.TrackingEvent.now(vn.lienthong.gateway.tracking.EventType.DELIVERED,
                "dossier", "dolisa-labour", messageId, dossier, 11, null, null));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                viewerGet("/api/v1/messages/" + messageId).json().path("message").path("state").asText()
                        .equals("DELIVERED"));

        Answer answer = operatorPost("/api/v1/dead-letters/" + id + "/replay", "");
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().get("detail").asText()).contains("was delivered").contains("Discard");
        assertThat(deadLetters.find(id).orElseThrow().state()).isEqualTo(DeadLetters.DEAD);
    }

    @Test
    void aProbeCountsOnlyASuccessOrTheAgreedHealthAnswerAsUp() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/soap", exchange -> {
            // What CXF answers: a plain GET is a fault (500), the WSDL is there (200).
            boolean wsdl = "wsdl".equalsIgnoreCase(exchange.getRequestURI().getQuery());
            exchange.sendResponseHeaders(wsdl ? 200 : 500, -1);
            exchange.close();
        });
        server.createContext("/broken", exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.createContext("/post-only", exchange -> {
            exchange.sendResponseHeaders(405, -1);
            exchange.close();
        });
        server.createContext("/busy", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
        try {
            ConnectedSystem dpi = catalog.system("dpi-business").orElseThrow();
            ConnectedSystem izb = catalog.system("izb-investment").orElseThrow();
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            assertThat(control.healthy(withEndpoint(izb, base + "/soap"))).as("a SOAP service is probed by its WSDL")
                    .isNull();
            assertThat(control.healthy(withEndpoint(dpi, base + "/broken"))).as("a 500 is not healthy")
                    .isEqualTo("HTTP 500");
            assertThat(control.healthy(withEndpoint(dpi, base + "/post-only"))).isNull();
            assertThat(control.healthy(withEndpoint(dpi, base + "/busy"))).isEqualTo("HTTP 503");
            assertThat(control.healthy(withEndpoint(dpi, "http://127.0.0.1:1/nothing"))).contains("ConnectException");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void resumingASystemWhoseCircuitIsOpenMakesTheNextDeliveryTheTrial() {
        String system = "dolisa-labour";
        try {
            for (int i = 0; i < 10 && control.state(system).circuit() != SystemControl.Circuit.OPEN; i++) {
                control.recordFailure(system);
            }
            assertThat(control.state(system).circuit()).isEqualTo(SystemControl.Circuit.OPEN);
            control.setPaused(system, false, "operator", "the department says it is back");
            assertThat(control.state(system).circuit()).isEqualTo(SystemControl.Circuit.HALF_OPEN);
            await().atMost(Duration.ofSeconds(10)).until(() -> control.state(system).delivering());
        } finally {
            control.recordSuccess(system);
        }
    }

    @Test
    void aCircuitAnotherNodeOpenedHoldsThisNodesDeliveriesUntilThatNodeClosesIt() {
        String system = "dolisa-labour";
        try {
            control.onBroadcast("CIRCUIT_OPEN", system, leadership.nodeId());
            assertThat(control.state(system).circuit()).as("its own broadcast, heard back from the topic, changes nothing")
                    .isEqualTo(SystemControl.Circuit.CLOSED);

            control.onBroadcast("CIRCUIT_OPEN", system, "another-node");
            assertThat(control.state(system).circuit()).isEqualTo(SystemControl.Circuit.OPEN);
            await().atMost(Duration.ofSeconds(10)).until(() -> !control.state(system).delivering());

            control.onBroadcast("CIRCUIT_CLOSED", system, "another-node");
            assertThat(control.state(system).circuit()).isEqualTo(SystemControl.Circuit.CLOSED);
            await().atMost(Duration.ofSeconds(10)).until(() -> control.state(system).delivering());
        } finally {
            control.recordSuccess(system);
        }
    }

    @Test
    void aCircuitOpenWhenTheGatewayStopsIsOpenWhenItStartsAndProbedAtOnce() {
        String system = "dolisa-labour";
        SystemControl restarted = new SystemControl(catalog, camel, jdbc, properties, leadership, broadcast, cluster, tx);
        try {
            while (control.state(system).circuit() != SystemControl.Circuit.OPEN) {
                control.recordFailure(system);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> "OPEN".equals(storedCircuit(system)));

            // The same database read by a gateway that starts: the circuit is open there before any delivery fails.
            restarted.restoreCircuits();
            assertThat(restarted.state(system).circuit()).isNotEqualTo(SystemControl.Circuit.CLOSED);
            assertThat(restarted.state(system).openedAt()).isEqualTo(control.state(system).openedAt());
            // Probed at once (the first probe of a circuit opened while running waits circuit-open-duration, 10 s).
            await().atMost(Duration.ofSeconds(5)).until(() -> restarted.state(system).lastProbe() != null);
        } finally {
            restarted.shutdown();
            control.recordSuccess(system);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> "CLOSED".equals(storedCircuit(system)));
    }

    @Test
    void aCircuitChangeAnotherNodeStoredIsFollowedAtTheNextReread() {
        // The broadcast of it was missed (a broker outage, or this node was starting).
        String system = "dolisa-labour";
        try {
            storeAsAnotherNode(system, "OPEN");
            control.reconcile();
            assertThat(control.state(system).circuit()).isEqualTo(SystemControl.Circuit.OPEN);
            await().atMost(Duration.ofSeconds(10)).until(() -> !control.state(system).delivering());

            control.reconcile();
            assertThat(control.state(system).circuit()).as("a row already followed is not followed twice")
                    .isEqualTo(SystemControl.Circuit.OPEN);

            storeAsAnotherNode(system, "CLOSED");
            control.reconcile();
            assertThat(control.state(system).circuit()).isEqualTo(SystemControl.Circuit.CLOSED);
            await().atMost(Duration.ofSeconds(10)).until(() -> control.state(system).delivering());
        } finally {
            control.recordSuccess(system);
        }
    }

    private String storedCircuit(String system) {
        return jdbc.query("SELECT circuit FROM system_circuit WHERE system_id = ?",
                rs -> rs.next() ? rs.getString(1) : null, system);
    }

    private void storeAsAnotherNode(String system, String circuit) {
        Long version = jdbc.queryForObject("SELECT COALESCE(MAX(version), 0) FROM system_circuit WHERE system_id = ?",
                Long.class, system);
        jdbc.update("DELETE FROM system_circuit WHERE system_id = ?", system);
        jdbc.update("INSERT INTO system_circuit (system_id, circuit, opened_at, changed_by, changed_at, version)"
                + " VALUES (?, ?, ?, 'node other@host', ?, ?)", system, circuit,
                "OPEN".equals(circuit) ? OffsetDateTime.now() : null, OffsetDateTime.now(), version + 1);
    }

    @Test
    void aSystemPausedWhenItsRouteIsCreatedDeliversNothingUntilResumed() throws Exception {
        String system = "paused-at-start-" + UUID.randomUUID().toString().substring(0, 8);
        control.setPaused(system, true, "operator", "maintenance across a restart");
        SystemRoutes.addDeliveryRoute(camel, system, "log:" + system, 1, control.isPaused(system));
        try {
            assertThat(camel.getRouteController().getRouteStatus(SystemControl.routeId(system)))
                    .isEqualTo(ServiceStatus.Stopped);
            control.setPaused(system, false, "operator", "maintenance over");
            await().atMost(Duration.ofSeconds(10)).until(() -> camel.getRouteController()
                    .getRouteStatus(SystemControl.routeId(system)) == ServiceStatus.Started);
        } finally {
            camel.getRouteController().stopRoute(SystemControl.routeId(system));
            camel.removeRoute(SystemControl.routeId(system));
        }
    }

    @Test
    void aFailureWhileTheCircuitIsAlreadyOpenSpendsNoAttempt() {
        // A system no route consumes, so the rescheduled message stays in its queue to be read.
        String system = "held-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            assertThat(redeliveredAttempt(system, 3)).as("a failure in the normal course counts").isEqualTo(4);
            while (control.state(system).circuit() != SystemControl.Circuit.OPEN) {
                control.recordFailure(system);
            }
            // In flight while the route is being suspended: the failure is not the target's attempt.
            assertThat(redeliveredAttempt(system, 3)).isEqualTo(3);
            assertThat(control.state(system).circuit()).isEqualTo(SystemControl.Circuit.OPEN);
        } finally {
            control.recordSuccess(system);
        }
    }

    /** Fails a delivery of attempt {@code attempt} to {@code system}; returns the attempt number of the retry. */
    private int redeliveredAttempt(String system, int attempt) {
        String messageId = UUID.randomUUID().toString();
        org.apache.camel.Exchange exchange = new org.apache.camel.support.DefaultExchange(camel);
        exchange.getIn().setBody("{}");
        exchange.getIn().setHeader(DeliveryHeaders.MESSAGE_ID, messageId);
        exchange.getIn().setHeader(DeliveryHeaders.SYSTEM, system);
        exchange.getIn().setHeader(DeliveryHeaders.FLOW, "dossier");
        exchange.getIn().setHeader(DeliveryHeaders.CORRELATION_ID, "HELD-" + messageId);
        exchange.getIn().setHeader(DeliveryHeaders.ATTEMPT, String.valueOf(attempt));
        DeliveryHeaders.keepAsProperties(exchange);
        exchange.setProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT, new java.net.ConnectException("refused"));
        failures.handle(exchange);
        Integer[] found = new Integer[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            jms.browse(DeliveryHeaders.deliveryQueue(system), (session, browser) -> {
                var messages = browser.getEnumeration();
                while (messages.hasMoreElements()) {
                    jakarta.jms.Message m = (jakarta.jms.Message) messages.nextElement();
                    if (messageId.equals(m.getStringProperty(DeliveryHeaders.MESSAGE_ID))) {
                        found[0] = Integer.valueOf(m.getObjectProperty(DeliveryHeaders.ATTEMPT).toString());
                    }
                }
                return null;
            });
            return found[0] != null;
        });
        return found[0];
    }

    private static ConnectedSystem withEndpoint(ConnectedSystem s, String endpoint) {
        return new ConnectedSystem(s.id(), s.name(), s.kind(), s.agencyCode(), s.protocol(), endpoint,
                s.statusFolder(), s.apiKeys(), s.mapping(), s.soap(), s.delivery(), s.source());
    }
}
