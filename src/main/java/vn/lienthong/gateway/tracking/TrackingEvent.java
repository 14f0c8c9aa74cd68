package vn.lienthong.gateway.tracking;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One hop of one message.
 *
 * @param eventId       unique id; the writer ignores an id it has already stored
 * @param at            when it happened
 * @param type          what happened
 * @param flow          dossier, status, callback, document …
 * @param system        the connected system involved
 * @param messageId     the gateway message id
 * @param correlationId the business key (dossier code, document id)
 * @param attempt       delivery attempt, when relevant
 * @param payloadSha256 fingerprint of the payload at this hop
 * @param detail        human-readable detail (error reason, status, …)
 */
public record TrackingEvent(String eventId, OffsetDateTime at, EventType type, String flow, String system,
                            String messageId, String correlationId, Integer attempt, String payloadSha256,
                            String detail) {

    /** A new event happening now. */
    public static TrackingEvent now(EventType type, String flow, String system, String messageId,
                                    String correlationId, Integer attempt, String payloadSha256, String detail) {
        return new TrackingEvent(UUID.randomUUID().toString(), OffsetDateTime.now(), type, flow, system, messageId,
                correlationId, attempt, payloadSha256, detail == null || detail.length() <= 2000 ? detail
                : detail.substring(0, 1997) + "...");
    }
}
