package vn.lienthong.gateway.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import vn.lienthong.gateway.delivery.DeliveryHeaders;
import vn.lienthong.gateway.dossier.DossierRouter;
import vn.lienthong.gateway.dossier.DossierStore;
import vn.lienthong.gateway.dossier.IntakeLedger;

/**
 * Tier 2: the routing and status routes with their real beans and database, but with the broker hops
 * replaced by mocks (AdviceWith), so each decision of the procedure route is visible message by message.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DossierRoutingRouteTest {

    @DynamicPropertySource
    static void isolatedData(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("gateway-route-test-");
        registry.add("gateway.data-dir", dir::toString);
        // The demo catalog plus a procedure with parallel steps and a step after one of them.
        Path catalog = dir.resolve("config");
        for (String part : List.of("systems", "procedures", "mappings")) {
            Files.createDirectories(catalog.resolve(part));
            try (var files = Files.list(Path.of("config", part))) {
                for (Path file : files.toList()) {
                    Files.copy(file, catalog.resolve(part).resolve(file.getFileName()));
                }
            }
        }
        Files.writeString(catalog.resolve("procedures/9.000002.yml"), """
                code: "9.000002"
                name: Parallel steps, then one after the first
                processingDays: 5
                steps:
                  - system: dpi-business
                  - system: dolisa-labour
                  - system: izb-investment
                    after: dpi-business
                """);
        registry.add("gateway.catalog.directory", catalog::toString);
        vn.lienthong.gateway.TestDatabase.register(registry);
    }

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @EndpointInject("mock:dispatched")
    MockEndpoint dispatched;
    @Autowired
    DossierRouter router;
    @Autowired
    IntakeLedger ledger;
    @Autowired
    DossierStore store;
    @Autowired
    TransactionTemplate tx;

    private final ObjectMapper json = new ObjectMapper();
    private static boolean advised;

    @BeforeEach
    void adviseOnce() throws Exception {
        if (!advised) {
            AdviceWith.adviceWith(camel, "one-stop-in-route", a -> a.replaceFromWith("direct:test-route"));
            AdviceWith.adviceWith(camel, "department-in-status-apply", a -> a.replaceFromWith("direct:test-status"));
            // Both hand their dispatches to the shared dispatch-action kamelet, each through a route of its own.
            for (String dispatch : List.of("one-stop-in-dispatch", "department-in-status-dispatch")) {
                AdviceWith.adviceWith(camel, dispatch,
                        a -> a.weaveByToUri("jms:queue:*").replace().to("mock:dispatched"));
            }
            advised = true;
        }
        dispatched.reset();
    }

    private String dossier(String code) throws Exception {
        return dossier(code, "1.009645");
    }

    private String dossier(String code, String procedure) throws Exception {
        JsonNode d = json.readTree(Path.of("src/test/resources/samples/dossiers/investment-lienthong.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) d).put("dossierCode", code).put("procedureCode", procedure);
        return d.toString();
    }

    private void route(String code, String messageId) throws Exception {
        route(code, messageId, "1.009645");
    }

    private void route(String code, String messageId, String procedure) throws Exception {
        route(code, messageId, procedure, 1);
    }

    private void route(String code, String messageId, String procedure, int revision) throws Exception {
        JsonNode d = json.readTree(dossier(code, procedure));
        ((com.fasterxml.jackson.databind.node.ObjectNode) d).put("revision", revision);
        producer.sendBodyAndHeaders("direct:test-route", d.toString(), Map.of(
                DeliveryHeaders.MESSAGE_ID, messageId, DeliveryHeaders.SYSTEM, "one-stop",
                DeliveryHeaders.CORRELATION_ID, code, "GatewayContentSha256", "a".repeat(64)));
    }

    private void status(String code, String system, String status) {
        producer.sendBodyAndHeaders("direct:test-status", "{\"dossierCode\":\"" + code + "\",\"system\":\"" + system
                + "\",\"status\":\"" + status + "\",\"at\":\"2026-11-21T10:00:00+07:00\"}",
                Map.of(DeliveryHeaders.MESSAGE_ID, "status-" + code + "-" + system + "-" + status,
                        DeliveryHeaders.SYSTEM, system));
    }

    private static Exchange callbackOf(List<Exchange> exchanges) {
        return exchanges.stream().filter(e -> "callback".equals(e.getIn().getHeader(DeliveryHeaders.FLOW)))
                .findFirst().orElseThrow();
    }

    private static List<String> targets(List<Exchange> exchanges) {
        return exchanges.stream().map(e -> e.getIn().getHeader(DeliveryHeaders.SYSTEM, String.class)).sorted().toList();
    }

    @Test
    void aLienThongDossierGoesFirstToTheBoardAndADuplicateGoesNowhere() throws Exception {
        route("ROUTE-T1", "msg-1");
        dispatched.assertIsSatisfied(0);
        // The board first; the national portal hears of the new dossier at the same time.
        assertThat(targets(dispatched.getExchanges())).containsExactly("izb-investment", "national-portal");
        Exchange toBoard = dispatched.getExchanges().get(0);
        assertThat(toBoard.getIn().getHeader(DeliveryHeaders.FLOW)).isEqualTo("dossier");
        assertThat(toBoard.getIn().getHeader(DeliveryHeaders.GROUP)).isEqualTo("ROUTE-T1");
        assertThat(toBoard.getIn().getBody(String.class)).contains("\"ROUTE-T1\"");
        assertThat(toBoard.getProperty(DeliveryHeaders.QUEUE_PROPERTY)).isEqualTo("gateway.delivery.izb-investment");

        String portalSyncId = dispatched.getExchanges().get(1).getIn().getHeader(DeliveryHeaders.MESSAGE_ID,
                String.class);

        // The same revision under another message id (a duplicate that slipped past the intake): routed nowhere.
        dispatched.reset();
        route("ROUTE-T1", "msg-1-again");
        assertThat(dispatched.getReceivedCounter()).isZero();

        // The broker redelivers the very same message (the gateway died before the broker commit): the
        // delivery is sent again with the same message id, which the target receives as Idempotency-Key.
        String firstId = toBoard.getIn().getHeader(DeliveryHeaders.MESSAGE_ID, String.class);
        route("ROUTE-T1", "msg-1");
        // The portal's "sync dossier" call is sent again too: it may never have left either.
        assertThat(targets(dispatched.getExchanges())).containsExactly("izb-investment", "national-portal");
        assertThat(dispatched.getExchanges().get(0).getIn().getHeader(DeliveryHeaders.MESSAGE_ID)).isEqualTo(firstId);
        assertThat(dispatched.getExchanges().get(1).getIn().getHeader(DeliveryHeaders.MESSAGE_ID))
                .isEqualTo(portalSyncId);
    }

    @Test
    void boardCompletionStartsBusinessAndLabourAndEveryStatusIsCalledBack() throws Exception {
        route("ROUTE-T2", "msg-2");
        String boardDelivery = dispatched.getExchanges().get(0).getIn().getHeader(DeliveryHeaders.MESSAGE_ID,
                String.class);
        dispatched.reset();

        status("ROUTE-T2", "izb-investment", "IN_PROGRESS");
        assertThat(targets(dispatched.getExchanges())).containsExactly("national-portal", "one-stop");
        JsonNode callback = json.readTree(callbackOf(dispatched.getExchanges()).getIn().getBody(String.class));
        assertThat(callback.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(callback.get("statusCode").asInt()).isEqualTo(4);
        dispatched.reset();

        status("ROUTE-T2", "izb-investment", "COMPLETED");
        assertThat(targets(dispatched.getExchanges())).containsExactly("dolisa-labour", "dpi-business",
                "national-portal", "one-stop");
        assertThat(dispatched.getExchanges()).allSatisfy(e ->
                assertThat(e.getIn().getHeader(DeliveryHeaders.MESSAGE_ID)).isNotEqualTo(boardDelivery));
    }

    @Test
    void aSecondFinishingStatusDoesNotSendTheDossierOnAgain() throws Exception {
        route("ROUTE-T6", "msg-6");
        status("ROUTE-T6", "izb-investment", "COMPLETED");
        status("ROUTE-T6", "dpi-business", "IN_PROGRESS");
        dispatched.reset();

        // The board hands the result out after completing: the one-stop software hears of it, nothing else moves.
        status("ROUTE-T6", "izb-investment", "RESULT_RETURNED");
        assertThat(targets(dispatched.getExchanges())).containsExactly("national-portal", "one-stop");
        assertThat(store.steps("ROUTE-T6")).filteredOn(s -> s.system().equals("dpi-business"))
                .singleElement().satisfies(s -> assertThat(s.state()).isEqualTo("IN_PROGRESS"));
    }

    @Test
    void aRedeliveredCompletionSendsTheNextStepsAgainWithTheSameIds() throws Exception {
        route("ROUTE-T7", "msg-7");
        status("ROUTE-T7", "izb-investment", "COMPLETED");
        List<String> firstIds = dispatched.getExchanges().stream().filter(e -> "dossier".equals(
                e.getIn().getHeader(DeliveryHeaders.FLOW))).map(e -> e.getIn().getHeader(DeliveryHeaders.MESSAGE_ID,
                String.class)).sorted().toList();
        assertThat(firstIds).hasSize(3);   // the board's delivery, then business and labour
        dispatched.reset();

        // The same status message again (the gateway stopped after the database commit, before the broker's):
        // what it started may not have been sent, so it is sent again, under the same delivery ids.
        status("ROUTE-T7", "izb-investment", "COMPLETED");
        assertThat(targets(dispatched.getExchanges())).containsExactly("dolisa-labour", "dpi-business",
                "national-portal", "one-stop");
        assertThat(dispatched.getExchanges().stream().filter(e -> "dossier".equals(e.getIn().getHeader(
                DeliveryHeaders.FLOW))).map(e -> e.getIn().getHeader(DeliveryHeaders.MESSAGE_ID, String.class)))
                .allMatch(firstIds::contains);
    }

    @Test
    void afterTheRouteEndedALateStatusOrRevisionChangesNothing() throws Exception {
        route("ROUTE-T8", "msg-8");
        status("ROUTE-T8", "izb-investment", "NOT_ACCEPTED");
        dispatched.reset();

        // A late COMPLETED from the board: not applied, not forwarded, nothing started.
        status("ROUTE-T8", "izb-investment", "COMPLETED");
        assertThat(dispatched.getReceivedCounter()).isZero();
        assertThat(store.findDossier("ROUTE-T8").orElseThrow().state()).isEqualTo("NOT_ACCEPTED");
        assertThat(store.steps("ROUTE-T8")).extracting(DossierStore.StepRow::state)
                .containsExactlyInAnyOrder("NOT_ACCEPTED", "PENDING", "PENDING");

        // A new revision from the one-stop software: not routed, the dossier stays ended.
        route("ROUTE-T8", "msg-8-rev2", "1.009645", 2);
        assertThat(dispatched.getReceivedCounter()).isZero();
        assertThat(store.findDossier("ROUTE-T8").orElseThrow().state()).isEqualTo("NOT_ACCEPTED");
        assertThat(store.latestRevision("ROUTE-T8").orElseThrow().revision()).isEqualTo(1);
    }

    @Test
    void thePortalHearsTheDossiersStatusNotTheStepsOwn() throws Exception {
        route("ROUTE-T9", "msg-9");
        dispatched.reset();
        status("ROUTE-T9", "izb-investment", "COMPLETED");
        Exchange toPortal = dispatched.getExchanges().stream()
                .filter(e -> "national-portal".equals(e.getIn().getHeader(DeliveryHeaders.SYSTEM))).findFirst()
                .orElseThrow();
        JsonNode item = json.readTree(toPortal.getIn().getBody(String.class)).get("data").get(0);
        // The board finished its part; the dossier goes on to two more departments, so it is in progress (4).
        assertThat(item.get("TrangThaiHoSo").asInt()).isEqualTo(4);
    }

    @Test
    void aReplayedDossierWithoutItsContentHashHeaderIsStillRouted() throws Exception {
        // A dead letter replay carries the payload and the identity headers, not the intake's content hash.
        producer.sendBodyAndHeaders("direct:test-route", dossier("ROUTE-T10"), Map.of(
                DeliveryHeaders.MESSAGE_ID, "msg-10", DeliveryHeaders.SYSTEM, "one-stop",
                DeliveryHeaders.CORRELATION_ID, "ROUTE-T10"));
        assertThat(targets(dispatched.getExchanges())).containsExactly("izb-investment", "national-portal");
        assertThat(store.latestRevision("ROUTE-T10").orElseThrow().contentSha256()).hasSize(64);
    }

    @Test
    void aRefusalEndsTheRouteAndNothingFollows() throws Exception {
        route("ROUTE-T3", "msg-3");
        dispatched.reset();
        status("ROUTE-T3", "izb-investment", "NOT_ACCEPTED");
        assertThat(targets(dispatched.getExchanges())).containsExactly("national-portal", "one-stop");
        JsonNode callback = json.readTree(callbackOf(dispatched.getExchanges()).getIn().getBody(String.class));
        assertThat(callback.get("statusCode").asInt()).isEqualTo(3);
    }

    @Test
    void aRouteEndedByOneStepStartsNothingWhenAnotherStepCompletes() throws Exception {
        route("ROUTE-T5", "msg-5", "9.000002");
        assertThat(targets(dispatched.getExchanges())).containsExactly("dolisa-labour", "dpi-business",
                "national-portal");
        dispatched.reset();

        status("ROUTE-T5", "dolisa-labour", "NOT_ACCEPTED");
        dispatched.reset();
        // dpi-business reports COMPLETED after the route ended (its REST or SOAP report would get 409): nothing is
        // applied or forwarded, and the board (after dpi-business) is not started.
        status("ROUTE-T5", "dpi-business", "COMPLETED");
        assertThat(dispatched.getReceivedCounter()).isZero();
        assertThat(store.findDossier("ROUTE-T5").orElseThrow().state()).isEqualTo("NOT_ACCEPTED");
        assertThat(store.steps("ROUTE-T5")).filteredOn(s -> s.system().equals("izb-investment"))
                .singleElement().satisfies(s -> assertThat(s.state()).isEqualTo("PENDING"));
    }

    @Test
    void theIntakeKeepsAnsweringDuplicatesUntilTheRoutedRevisionIsCommitted() throws Exception {
        IntakeLedger.Accepted accepted = new IntakeLedger.Accepted("msg-4", "a".repeat(64));
        assertThat(ledger.claim("ROUTE-T4", 1, accepted)).isEmpty();
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setBody(dossier("ROUTE-T4"));
        exchange.getIn().setHeaders(new java.util.HashMap<>(Map.of(DeliveryHeaders.MESSAGE_ID, "msg-4",
                DeliveryHeaders.SYSTEM, "one-stop", DeliveryHeaders.CORRELATION_ID, "ROUTE-T4",
                "GatewayContentSha256", "a".repeat(64))));
        IntakeLedger.Accepted other = new IntakeLedger.Accepted("msg-4-conflict", "b".repeat(64));

        tx.executeWithoutResult(status -> {
            try {
                assertThat(router.route(exchange)).isNotEmpty();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            // Routed but not committed: other connections cannot see the revision yet, so the intake's claim
            // must still stand, or a conflicting resubmission would be accepted with 202.
            assertThat(ledger.claim("ROUTE-T4", 1, other)).contains(accepted);
        });

        // Committed: the database answers from now on and the claim is gone.
        assertThat(ledger.claim("ROUTE-T4", 1, other)).isEmpty();
        ledger.forget("ROUTE-T4", 1);
        assertThat(ledger.find("ROUTE-T4", 1)).hasValueSatisfying(found -> {
            assertThat(found.messageId()).isEqualTo("msg-4");
            assertThat(found.contentSha256()).isEqualTo("a".repeat(64));
        });
    }
}
