package vn.lienthong.gateway.dossier;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.catalog.ConnectedSystem;
import vn.lienthong.gateway.catalog.Procedure;
import vn.lienthong.gateway.deadline.Deadlines;
import vn.lienthong.gateway.delivery.DeliveryHeaders;
import vn.lienthong.gateway.delivery.Dispatch;
import vn.lienthong.gateway.tracking.EventType;
import vn.lienthong.gateway.tracking.MessageIds;
import vn.lienthong.gateway.tracking.TrackingEvent;
import vn.lienthong.gateway.tracking.TrackingEvents;

/**
 * Applies a department's status to its step and the dossier, and returns what follows: the callback
 * to the one-stop software and, on COMPLETED, the steps that were waiting for this one.
 */
@Component("dossierProgress")
public class DossierProgress {

    private static final Logger log = LoggerFactory.getLogger(DossierProgress.class);

    private final Catalog catalog;
    private final DossierStore store;
    private final DossierRouter router;
    private final ObjectMapper mapper;
    private final PortalSync portal;
    private final TransactionTemplate tx;
    private final Deadlines deadlines;
    private final TrackingEvents events;

    public DossierProgress(Catalog catalog, DossierStore store, DossierRouter router, ObjectMapper mapper,
                           PortalSync portal, TransactionTemplate tx, Deadlines deadlines, TrackingEvents events) {
        this.catalog = catalog;
        this.store = store;
        this.router = router;
        this.mapper = mapper;
        this.portal = portal;
        this.tx = tx;
        this.deadlines = deadlines;
        this.events = events;
    }

    /** Applies the status in one database transaction, committed before the broker's (see DossierRouter). */
    public List<Dispatch> apply(Exchange exchange) throws Exception {
        return tx.execute(status -> {
            try {
                return applyInTransaction(exchange);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private List<Dispatch> applyInTransaction(Exchange exchange) throws java.io.IOException {
        JsonNode update = mapper.readTree(exchange.getIn().getBody(String.class));
        String statusMessageId = exchange.getIn().getHeader(DeliveryHeaders.MESSAGE_ID, String.class);
        String code = update.get("dossierCode").asText();
        String system = update.get("system").asText();
        DossierStatus status = DossierStatus.valueOf(update.get("status").asText());
        OffsetDateTime at = OffsetDateTime.parse(update.get("at").asText());
        // One status or revision at a time per dossier: both read the steps and then write the dossier's state.
        DossierStore.DossierRow dossier = store.lockDossier(code).orElseThrow();

        List<DossierStore.StepRow> current = store.steps(code);
        String refusal = RouteRules.refusal(current, system, status);
        if (refusal != null) {
            // A late or contradictory report (checked at intake too; this covers a race with another status).
            events.publish(TrackingEvent.now(EventType.REJECTED, StatusIntake.FLOW, system, statusMessageId, code,
                    null, null, status + " not applied: " + refusal));
            log.warn("Dossier {}: {} from {} not applied: {}", code, status, system, refusal);
            return List.of();
        }
        Optional<DossierStore.StepRow> before = current.stream().filter(s -> s.system().equals(system)).findFirst();
        boolean sameReport = before.isPresent() && status.name().equals(before.get().state())
                && before.get().completedAt() != null && before.get().completedAt().toInstant().equals(at.toInstant());
        String brokerMessageId = exchange.getIn().getHeader("JMSMessageID", String.class);
        Optional<String> appliedBy = store.statusAppliedBy(code, system);
        if (sameReport && appliedBy.isPresent() && !appliedBy.get().equals(brokerMessageId)) {
            // The department said the same thing again (same status, same time): statuses are idempotent on what
            // they say, so nothing is sent on, not the next step's dossier, not another callback.
            events.publish(TrackingEvent.now(EventType.DUPLICATE, StatusIntake.FLOW, system, statusMessageId, code,
                    null, null, status + " at " + at + " was already applied; the repeat changes nothing"));
            log.info("Dossier {}: {} repeated {} at {}; already applied, nothing sent again", code, system, status, at);
            return List.of();
        }
        // The broker delivers this status again (the same broker message) when the gateway stopped after the
        // database commit: the steps it started may never have been sent, so they are sent again (same ids).
        boolean redelivered = sameReport;
        store.stepStatus(code, system, status, at);
        store.statusAppliedBy(code, system, brokerMessageId);
        List<Dispatch> next = new ArrayList<>();
        next.add(callback(dossier, system, status, update, statusMessageId));
        List<DossierStore.StepRow> steps = store.steps(code);
        // Starting the next steps (PENDING to ROUTED) cannot change the dossier's state.
        String state = RouteRules.dossierState(steps);
        // The portal's TrangThaiHoSo is the dossier's status, not the step's: one department completing its
        // part of a liên thông dossier does not complete the dossier.
        DossierStatus portalStatus = DossierStatus.COMPLETED.name().equals(state)
                && status == DossierStatus.RESULT_RETURNED ? status : DossierStatus.valueOf(state);
        next.addAll(portal.progress(code, system, portalStatus, update, statusMessageId));
        Optional<DossierStore.StepRow> ended = RouteRules.routeEndedBy(steps);
        if (status.isFinished() && ended.isPresent()) {
            // A route that another step ended starts nothing more, even when this step finishes its part.
            log.info("Dossier {}: {} reports {}, but the route ended when {} reported {}; the steps after {} are not"
                    + " started", code, system, status, ended.get().system(), ended.get().state(), system);
        } else if (status.isFinished()) {
            Procedure procedure = catalog.procedure(dossier.procedureCode()).orElse(null);
            if (procedure != null) {
                for (Procedure.Step step : procedure.stepsAfter(system)) {
                    String nextState = stateOf(steps, step.system());
                    boolean start = StepState.PENDING.equals(nextState)
                            || (redelivered && StepState.ROUTED.equals(nextState));
                    if (!start) {
                        // Another finishing status (COMPLETED, then RESULT_RETURNED) must not send the dossier to
                        // the next department again or reset the progress it reported.
                        continue;
                    }
                    DossierStore.Revision latest = store.latestRevision(code).orElseThrow();
                    next.add(router.routeStep(code, step.system(), latest.messageId(), latest.payload(),
                            latest.contentSha256()));
                }
            }
        }
        store.updateDossierState(code, state);
        deadlines.statusApplied(code, system, status, at);
        log.info("Dossier {}: {} reports {}; dossier is {}", code, system, status, state);
        return next;
    }

    private static String stateOf(List<DossierStore.StepRow> steps, String system) {
        return steps.stream().filter(s -> s.system().equals(system)).map(DossierStore.StepRow::state).findFirst()
                .orElse(null);
    }

    private Dispatch callback(DossierStore.DossierRow dossier, String system, DossierStatus status, JsonNode update,
                              String statusMessageId) {
        ObjectNode body = mapper.createObjectNode();
        body.put("dossierCode", dossier.dossierCode());
        body.put("procedureCode", dossier.procedureCode());
        body.put("system", system);
        body.put("agencyCode", catalog.system(system).map(ConnectedSystem::agencyCode).orElse(null));
        body.put("status", status.name());
        body.put("statusCode", status.code());
        body.set("at", update.get("at"));
        for (String field : List.of("handler", "note", "results")) {
            if (update.has(field)) {
                body.set(field, update.get(field));
            }
        }
        // Stable per status message, so a redelivered status yields the same callback id.
        String id = MessageIds.callback(statusMessageId);
        body.put("messageId", id);
        return new Dispatch(dossier.originSystem(), Dispatch.FLOW_CALLBACK, id, dossier.dossierCode(),
                body.toString());
    }
}
