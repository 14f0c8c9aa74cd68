package vn.lienthong.gateway.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import vn.lienthong.gateway.audit.AuditLog;
import vn.lienthong.gateway.contract.JsonContract;
import vn.lienthong.gateway.contract.JsonContracts;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.FieldError;
import vn.lienthong.gateway.error.GatewayException;
import vn.lienthong.gateway.tracking.EventType;
import vn.lienthong.gateway.tracking.TrackingEvent;
import vn.lienthong.gateway.tracking.TrackingEvents;
import vn.lienthong.gateway.support.Sha256;
import vn.lienthong.gateway.tracking.MessageQueries;

/**
 * Operator actions on dead letters: replay (optionally with a corrected payload, checked again) and
 * discard (with a reason). A replay keeps the original message id, which the target receives as
 * {@code Idempotency-Key}, so a target that deduplicates never files the message twice.
 */
@Service
public class DeadLetterReplay {

    /** At most this many dead letters are replayed or discarded by one bulk action. */
    public static final int BULK_LIMIT = 10_000;

    private final DeadLetters deadLetters;
    private final DeliveryScheduler scheduler;
    private final JsonContracts contracts;
    private final TrackingEvents events;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final DeliveryHolds holds;
    private final MessageQueries messages;

    public DeadLetterReplay(DeadLetters deadLetters, DeliveryScheduler scheduler, JsonContracts contracts,
                            TrackingEvents events, AuditLog audit, TransactionTemplate tx, DeliveryHolds holds, MessageQueries messages) {
        this.deadLetters = deadLetters;
        this.scheduler = scheduler;
        this.contracts = contracts;
        this.events = events;
        this.audit = audit;
        this.tx = tx;
        this.holds = holds;
        this.messages = messages;
    }

    /** Replays one dead letter; {@code correctedPayload} may be null to send it as it was. */
    public DeadLetters.DeadLetter replay(String id, byte[] correctedPayload, String operator) {
        DeadLetters.DeadLetter letter = open(id);
        messages.find(letter.messageId())
                .filter(m -> "DELIVERED".equals(m.state()) && letter.lastFailureAt() != null
                        && m.updatedAt().isAfter(letter.lastFailureAt()))
                .ifPresent(m -> {
                    // E.g. the gateway stopped after recording the dead letter, and the broker's redelivery got
                    // through: a file or queue target, which cannot deduplicate, would get the message twice.
                    throw new GatewayException(ErrorCode.DUPLICATE_CONFLICT, "Message " + letter.messageId()
                            + " was delivered to " + letter.system() + " at " + m.updatedAt() + ", after dead letter "
                            + id + " was recorded; replaying it would deliver it twice. Discard the dead letter"
                            + " with a reason instead");
                });
        String payload = letter.payload();
        if (correctedPayload != null && correctedPayload.length > 0) {
            payload = checkCorrection(letter, correctedPayload);
        }
        String body = payload;
        tx.executeWithoutResult(status -> {
            if (!deadLetters.resolve(id, DeadLetters.REPLAYED, operator, body.equals(letter.payload())
                    ? "replayed as it was" : "replayed with a corrected payload")) {
                throw alreadyResolved(id);
            }
            Map<String, Object> properties = new java.util.HashMap<>();
            properties.put(DeliveryHeaders.MESSAGE_ID, letter.messageId());
            properties.put(DeliveryHeaders.FLOW, letter.flow());
            properties.put(DeliveryHeaders.SYSTEM, letter.system());
            if (letter.correlationId() != null) {
                properties.put(DeliveryHeaders.CORRELATION_ID, letter.correlationId());
                properties.put(DeliveryHeaders.GROUP, letter.correlationId());
            }
            properties.put(DeliveryHeaders.ATTEMPT, 1);
            properties.put(DeliveryHeaders.REPLAY_OF, id);
            scheduler.sendLater(letter.queue(), body, properties, Duration.ZERO);
            events.publish(TrackingEvent.now(EventType.REPLAYED, letter.flow(), letter.system(), letter.messageId(),
                    letter.correlationId(), null, Sha256.hex(body), "dead letter " + id + " replayed by " + operator));
            audit.record(operator, "REPLAY", "dead-letter/" + id, null, "message " + letter.messageId() + " to "
                    + letter.system() + (body.equals(letter.payload()) ? "" : " with a corrected payload"));
        });
        return deadLetters.find(id).orElseThrow();
    }

    /** Replays every open dead letter of a system (and flow, if given); returns how many. */
    public int replayAll(String system, String flow, String operator) {
        if (system == null || system.isBlank()) {
            throw new GatewayException(ErrorCode.VALIDATION_FAILED, "Bulk replay needs a system",
                    List.of(new FieldError("/system", "required")));
        }
        return replayAll(new DeadLetters.Filter(system, flow, null), operator);
    }

    /** Replays every open dead letter matching {@code filter}; returns how many. */
    public int replayAll(DeadLetters.Filter filter, String operator) {
        int count = 0;
        for (DeadLetters.DeadLetter letter : deadLetters.open(filter, 0, BULK_LIMIT)) {
            if (tolerateResolved(() -> replay(letter.id(), null, operator))) {
                count++;
            }
        }
        audit.record(operator, "REPLAY_BULK", bulkTarget(filter), null, count + " dead letters" + bulkScope(filter));
        return count;
    }

    /** Discards every open dead letter matching {@code filter}, all for one reason; returns how many. */
    public int discardAll(DeadLetters.Filter filter, String reason, String operator) {
        requireReason(reason);
        int count = 0;
        for (DeadLetters.DeadLetter letter : deadLetters.open(filter, 0, BULK_LIMIT)) {
            if (tolerateResolved(() -> discard(letter.id(), reason, operator))) {
                count++;
            }
        }
        audit.record(operator, "DISCARD_BULK", bulkTarget(filter), reason, count + " dead letters"
                + bulkScope(filter));
        return count;
    }

    /** Runs one action of a bulk; false when another operator replayed or discarded the letter meanwhile. */
    private static boolean tolerateResolved(Runnable action) {
        try {
            action.run();
            return true;
        } catch (GatewayException e) {
            if (e.code() != ErrorCode.DUPLICATE_CONFLICT) {
                throw e;
            }
            // another operator replayed or discarded it meanwhile, or it was delivered after all
            return false;
        }
    }

    private static String bulkTarget(DeadLetters.Filter filter) {
        return filter.system() == null ? "dead-letters" : "system/" + filter.system();
    }

    private static String bulkScope(DeadLetters.Filter filter) {
        return (filter.flow() == null ? "" : " of flow " + filter.flow())
                + (filter.errorCode() == null ? "" : " with error " + filter.errorCode());
    }

    /** Discards a dead letter for good; the reason is mandatory. */
    public DeadLetters.DeadLetter discard(String id, String reason, String operator) {
        requireReason(reason);
        DeadLetters.DeadLetter letter = open(id);
        tx.executeWithoutResult(status -> {
            if (!deadLetters.resolve(id, DeadLetters.DISCARDED, operator, reason)) {
                throw alreadyResolved(id);
            }
            if (letter.correlationId() != null) {
                // Later messages of the dossier waited behind this one; they go on without it.
                holds.release(letter.system(), letter.correlationId(), letter.messageId());
            }
            events.publish(TrackingEvent.now(EventType.DISCARDED, letter.flow(), letter.system(), letter.messageId(),
                    letter.correlationId(), null, null, "dead letter " + id + " discarded by " + operator + ": "
                            + reason));
            audit.record(operator, "DISCARD", "dead-letter/" + id, reason, "message " + letter.messageId());
        });
        return deadLetters.find(id).orElseThrow();
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new GatewayException(ErrorCode.VALIDATION_FAILED, "Discarding a dead letter needs a reason",
                    List.of(new FieldError("/reason", "required: say why this message will never be delivered",
                            "bắt buộc: ghi rõ vì sao thông điệp này sẽ không bao giờ được chuyển")));
        }
    }

    private DeadLetters.DeadLetter open(String id) {
        DeadLetters.DeadLetter letter = deadLetters.find(id).orElseThrow(() ->
                new GatewayException(ErrorCode.NOT_FOUND, "No dead letter " + id));
        if (!DeadLetters.DEAD.equals(letter.state())) {
            throw alreadyResolved(id);
        }
        return letter;
    }

    private static GatewayException alreadyResolved(String id) {
        return new GatewayException(ErrorCode.DUPLICATE_CONFLICT, "Dead letter " + id
                + " was already replayed or discarded");
    }

    private String checkCorrection(DeadLetters.DeadLetter letter, byte[] corrected) {
        JsonNode json = contracts.parse(corrected);
        if (Dispatch.FLOW_DOSSIER.equals(letter.flow())) {
            contracts.read(corrected, JsonContract.DOSSIER);
            if (letter.correlationId() != null && !letter.correlationId().equals(json.path("dossierCode").asText())) {
                throw new GatewayException(ErrorCode.VALIDATION_FAILED, "A correction may not change the dossier code",
                        List.of(new FieldError("/dossierCode", "must stay " + letter.correlationId(),
                                "phải giữ nguyên " + letter.correlationId())));
            }
        }
        return json.toString();
    }
}
