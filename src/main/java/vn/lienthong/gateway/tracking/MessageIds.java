package vn.lienthong.gateway.tracking;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The one place that derives message ids. A derived id is a name-based UUID of what the message is, so the
 * same message made again (a broker redelivery, a package taken twice, a caller's resend after a crash) gets
 * the same id and every target, store and tracking view recognises the repeat. The seeds below are stored in
 * running systems (messages in flight, Idempotency-Keys already used): change them only with a migration plan.
 */
public final class MessageIds {

    private MessageIds() {
    }

    /** A message the gateway makes from another one ({@code what}: a target system, "status-01", …). */
    public static String followUp(String sourceMessageId, String what) {
        return of(sourceMessageId + "/" + what);
    }

    /** The delivery of a dossier revision to one step's system. */
    public static String stepDelivery(String revisionMessageId, String system) {
        return followUp(revisionMessageId, system);
    }

    /** The callback to the one-stop software for one department status. */
    public static String callback(String statusMessageId) {
        return of("callback/" + statusMessageId);
    }

    /** A call to the national public service portal ({@code kind}: sync, progress, changed) caused by a message. */
    public static String portal(String kind, String sourceMessageId) {
        return of(kind + "/" + sourceMessageId);
    }

    /** A package taken from the national document axis, by the axis's id. */
    public static String axisPackage(String axisId) {
        return of("national-axis/" + axisId);
    }

    /** The status 02 answering a package refused at the axis inbox, by the axis's id. */
    public static String axisRefusal(String axisId) {
        return of("national-axis/refusal/" + axisId);
    }

    /**
     * A department's status, by what it says (dossier, system, status, time): the same report sent twice is one
     * message, so it is applied once.
     */
    public static String departmentStatus(String dossierCode, String system, String status, OffsetDateTime at) {
        return of("status/" + dossierCode + "/" + system + "/" + status + "/" + at.toInstant());
    }

    /**
     * A status of the document office about a received package ({@code answeredMessageId}), by what it says: sent
     * twice (e.g. again after a crash), it is one status.
     */
    public static String officeStatus(String answeredMessageId, String statusCode, String description, String staff) {
        return of("office-status/" + answeredMessageId + "/" + statusCode + "/" + nullToEmpty(description) + "/"
                + nullToEmpty(staff));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String of(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
