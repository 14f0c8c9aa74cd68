package vn.lienthong.gateway.dossier;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.catalog.ConnectedSystem;
import vn.lienthong.gateway.catalog.Procedure;
import vn.lienthong.gateway.contract.JsonContracts;
import vn.lienthong.gateway.deadline.Deadlines;
import vn.lienthong.gateway.delivery.DeadLetters;
import vn.lienthong.gateway.delivery.DeliveryHeaders;
import vn.lienthong.gateway.delivery.Dispatch;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.FieldError;
import vn.lienthong.gateway.error.GatewayException;
import vn.lienthong.gateway.tracking.EventType;
import vn.lienthong.gateway.tracking.MessageIds;
import vn.lienthong.gateway.tracking.TrackingEvent;
import vn.lienthong.gateway.tracking.TrackingEvents;
import vn.lienthong.gateway.support.Sha256;

/**
 * Decides where an accepted dossier revision goes, by its procedure's route, and records it. Runs in
 * the transacted consumer of the intake queue, so a redelivered message is recognised and not routed twice.
 */
@Component("dossierRouter")
public class DossierRouter {

    private static final Logger log = LoggerFactory.getLogger(DossierRouter.class);

    /** Where accepted dossiers wait to be routed (routes/one-stop/one-stop-in-dossier.yaml). */
    static final String RECEIVED_QUEUE = "gateway.dossier.received";

    private final Catalog catalog;
    private final DossierStore store;
    private final TrackingEvents events;
    private final IntakeLedger ledger;
    private final ObjectMapper mapper;
    private final PortalSync portal;
    private final TransactionTemplate tx;
    private final Deadlines deadlines;
    private final JsonContracts contracts;
    private final DeadLetters deadLetters;

    public DossierRouter(Catalog catalog, DossierStore store, TrackingEvents events, IntakeLedger ledger,
                         ObjectMapper mapper, PortalSync portal, TransactionTemplate tx, Deadlines deadlines,
                         JsonContracts contracts, DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
        this.catalog = catalog;
        this.store = store;
        this.events = events;
        this.ledger = ledger;
        this.mapper = mapper;
        this.portal = portal;
        this.tx = tx;
        this.deadlines = deadlines;
        this.contracts = contracts;
    }

    /**
     * Records the revision and returns the deliveries it starts; empty for a duplicate. The database work is
     * one transaction that commits before the broker's: if the gateway dies in between, the redelivered
     * message finds every step with its delivery id and sends them again, never half a route.
     */
    public List<Dispatch> route(Exchange exchange) throws Exception {
        return tx.execute(status -> {
            try {
                return routeInTransaction(exchange);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private List<Dispatch> routeInTransaction(Exchange exchange) throws java.io.IOException {
        String payload = exchange.getIn().getBody(String.class);
        String messageId = exchange.getIn().getHeader(DeliveryHeaders.MESSAGE_ID, String.class);
        String origin = exchange.getIn().getHeader(DeliveryHeaders.SYSTEM, String.class);
        JsonNode dossier = mapper.readTree(payload);
        String code = dossier.path("dossierCode").asText();
        int revision = dossier.path("revision").asInt();
        String hash = exchange.getIn().getHeader(IntakeLedger.CONTENT_SHA256, String.class);
        if (hash == null) {
            // A replayed dead letter carries the payload and the gateway's identity headers, not every header.
            hash = contracts.contentHash(dossier);
        }

        Optional<DossierStore.Revision> known = store.findRevision(code, revision);
        if (known.isPresent() && known.get().messageId().equals(messageId)) {
            // The broker redelivers a message we already routed (the gateway stopped between the database
            // commit and the broker commit): send its deliveries again; their ids are stable, so a target
            // that deduplicates by Idempotency-Key files nothing twice.
            forgetAfterCommit(code, revision);
            List<Dispatch> again = redispatch(code, messageId, payload, hash);
            if (revision == 1) {
                // This message created the dossier: the portal's "sync dossier" call may never have been sent.
                again.addAll(portal.newDossier(dossier, messageId, deadlines.dueAt(code)));
            } else if (deadlines.appointmentReceived(code, revision, appointment(dossier))) {
                again.addAll(portal.dossierChanged(dossier, messageId, store.findDossier(code).orElseThrow().state(),
                        deadlines.dueAt(code)));
            }
            return again;
        }
        if (known.isPresent()) {
            String why = known.get().contentSha256().equals(hash) ? "same content as message "
                    + known.get().messageId() : "different content from message " + known.get().messageId();
            events.publish(TrackingEvent.now(EventType.DUPLICATE, Dispatch.FLOW_DOSSIER, origin, messageId, code,
                    null, hash, "revision " + revision + " already routed: " + why));
            forgetAfterCommit(code, revision);
            return List.of();
        }
        Optional<Procedure> configured = catalog.procedure(dossier.path("procedureCode").asText());
        if (configured.isEmpty()) {
            // Removed from config/procedures after the dossier was accepted: no redelivery can help, so it is a
            // dead letter at once (not ten broker redeliveries and an INTERNAL_ERROR); replayed once it is back.
            String detail = "Procedure " + dossier.path("procedureCode").asText() + " of dossier " + code
                    + " revision " + revision + " is no longer configured in config/procedures/; put it back"
                    + " (and restart), then replay this dead letter";
            String id = deadLetters.record(messageId, code, origin, Dispatch.FLOW_DOSSIER, RECEIVED_QUEUE, 1, null,
                    ErrorCode.UNKNOWN_PROCEDURE.name(), detail, payload);
            events.publish(TrackingEvent.now(EventType.DEAD_LETTERED, Dispatch.FLOW_DOSSIER, origin, messageId, code,
                    1, hash, ErrorCode.UNKNOWN_PROCEDURE.name() + ": " + detail + " (dead letter " + id + ")"));
            log.warn("Dossier {} revision {} not routed: {} (dead letter {})", code, revision, detail, id);
            forgetAfterCommit(code, revision);
            return List.of();
        }
        Procedure procedure = configured.get();
        DossierStore.Revision row = new DossierStore.Revision(code, revision, messageId, hash, payload);
        OffsetDateTime receivedAt = OffsetDateTime.parse(dossier.path("receivedAt").asText());
        List<Dispatch> dispatches = new ArrayList<>();
        if (revision == 1 || store.findDossier(code).isEmpty()) {
            store.insertRevision(row, receivedAt);
            store.insertDossier(new DossierStore.DossierRow(code, procedure.code(), origin,
                    dossier.path("receivingAgency").asText(null), revision, "IN_PROGRESS",
                    OffsetDateTime.parse(dossier.path("receivedAt").asText()),
                    appointment(dossier), null));
            for (Procedure.Step step : procedure.steps()) {
                store.insertStep(code, step.system(), agencyOf(step.system()), step.after(), StepState.PENDING);
            }
            deadlines.appointmentReceived(code, revision, appointment(dossier));
            for (Procedure.Step step : procedure.initialSteps()) {
                dispatches.add(routeStep(code, step.system(), messageId, payload, hash));
            }
            dispatches.addAll(portal.newDossier(dossier, messageId, deadlines.dueAt(code)));
        } else {
            // A later revision of an open dossier carries a supplement, a new appointment (ngày hẹn trả), or both.
            // The supplement goes to the steps waiting for one that supplementFor names (without it: all of them).
            store.lockDossier(code);
            List<DossierStore.StepRow> steps = store.steps(code);
            Optional<DossierStore.StepRow> ended = RouteRules.routeEndedBy(steps);
            List<String> supplementFor = RouteRules.supplementFor(dossier);
            List<DossierStore.StepRow> asking = RouteRules.answeredBy(steps, supplementFor);
            List<FieldError> notAnswered = RouteRules.supplementRefusals(code, steps, supplementFor);
            if (!notAnswered.isEmpty() && !asking.isEmpty()) {
                // Checked at intake; a named step moved on since (e.g. the department got the papers directly).
                log.warn("Dossier {} revision {}: supplementFor entries answer nothing: {}", code, revision,
                        notAnswered.stream().map(FieldError::message).toList());
            }
            String state = RouteRules.dossierState(steps);
            boolean open = ended.isEmpty() && !DossierStatus.COMPLETED.name().equals(state);
            boolean moved = open && deadlines.appointmentReceived(code, revision, appointment(dossier));
            String refusal = null;
            if (ended.isPresent()) {
                refusal = "the dossier's route ended when " + ended.get().system() + " reported " + ended.get().state();
            } else if (asking.isEmpty()) {
                refusal = supplementFor == null ? "no step asked for a supplement"
                        : "no step it names in supplementFor waits for one: " + notAnswered.stream()
                        .map(FieldError::message).toList();
            }
            if (refusal != null) {
                // Not stored: the next steps keep the revision their predecessors worked on.
                String appointmentTaken = moved ? "; its appointment " + appointment(dossier) + " is the dossier's"
                        + " due date now" : "";
                events.publish(TrackingEvent.now(EventType.REJECTED, Dispatch.FLOW_DOSSIER, origin, messageId, code,
                        null, hash, "revision " + revision + " not routed: " + refusal + appointmentTaken));
                log.warn("Dossier {} revision {} not routed: {}{}", code, revision, refusal, appointmentTaken);
                forgetAfterCommit(code, revision);
                return moved ? portal.dossierChanged(dossier, messageId, state, deadlines.dueAt(code)) : List.of();
            }
            store.insertRevision(row, receivedAt);
            for (DossierStore.StepRow step : asking) {
                dispatches.add(routeStep(code, step.system(), messageId, payload, hash));
            }
            state = RouteRules.dossierState(store.steps(code));
            store.updateDossier(code, revision, state);
            if (moved) {
                dispatches.addAll(portal.dossierChanged(dossier, messageId, state, deadlines.dueAt(code)));
            }
        }
        forgetAfterCommit(code, revision);
        log.info("Dossier {} revision {} routed to {}", code, revision, dispatches.stream().map(Dispatch::system)
                .toList());
        return dispatches;
    }

    /**
     * The intake ledger answers duplicates until the database can: drop the claim only once the revision is
     * committed, or a resubmission in between would find neither and be accepted twice.
     */
    private void forgetAfterCommit(String code, int revision) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                ledger.forget(code, revision);
            }
        });
    }

    private List<Dispatch> redispatch(String code, String revisionMessageId, String payload, String hash) {
        List<Dispatch> again = new ArrayList<>();
        for (DossierStore.StepRow step : store.steps(code)) {
            if (deliveryId(revisionMessageId, step.system()).equals(step.messageId())
                    && !StepState.DELIVERED.equals(step.state()) && !isDepartmentStatus(step.state())) {
                again.add(routeStep(code, step.system(), revisionMessageId, payload, hash));
            }
        }
        log.info("Dossier {}: routing message {} redelivered; {} deliveries sent again", code, revisionMessageId,
                again.size());
        return again;
    }

    private static boolean isDepartmentStatus(String state) {
        for (DossierStatus status : DossierStatus.values()) {
            if (status.name().equals(state)) {
                return true;
            }
        }
        return false;
    }

    static String deliveryId(String revisionMessageId, String system) {
        return MessageIds.stepDelivery(revisionMessageId, system);
    }

    /** Starts one step: a delivery whose id is stable for this revision and system, so a retry re-uses it. */
    Dispatch routeStep(String dossierCode, String system, String revisionMessageId, String payload, String hash) {
        String deliveryId = deliveryId(revisionMessageId, system);
        store.stepRouted(dossierCode, system, deliveryId);
        deadlines.stepStarted(dossierCode, system);
        events.publish(TrackingEvent.now(EventType.ROUTED, Dispatch.FLOW_DOSSIER, system, deliveryId, dossierCode,
                null, hash != null ? hash : Sha256.hex(payload), "routed from message " + revisionMessageId));
        return new Dispatch(system, Dispatch.FLOW_DOSSIER, deliveryId, dossierCode, payload);
    }

    /** The appointment (ngày hẹn trả) a revision carries, or null. */
    private static OffsetDateTime appointment(JsonNode dossier) {
        return dossier.hasNonNull("dueAt") ? OffsetDateTime.parse(dossier.path("dueAt").asText()) : null;
    }

    private String agencyOf(String system) {
        return catalog.system(system).map(ConnectedSystem::agencyCode).orElse(null);
    }
}
