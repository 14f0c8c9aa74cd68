package vn.lienthong.gateway.error;

/**
 * Every failure the gateway reports, with its HTTP status and whether trying again can help.
 * Transient failures are retried; permanent ones go straight to dead letters or back to the caller.
 */
public enum ErrorCode {
    MALFORMED_REQUEST(400, false, "The request body cannot be read"),
    VALIDATION_FAILED(400, false, "The request does not match its schema"),
    UNAUTHENTICATED(401, false, "No valid identity was presented"),
    FORBIDDEN(403, false, "This identity may not do that"),
    NOT_FOUND(404, false, "No such resource"),
    METHOD_NOT_ALLOWED(405, false, "This method is not allowed on this path"),
    DUPLICATE_CONFLICT(409, false, "The same key was already used for different content"),
    STATUS_NOT_APPLICABLE(409, false, "The status cannot change the dossier as it stands"),
    SUPPLEMENT_NOT_APPLICABLE(409, false, "The supplement answers no supplement request of the steps it names"),
    PAYLOAD_TOO_LARGE(413, false, "The request body is larger than allowed"),
    UNSUPPORTED_MEDIA_TYPE(415, false, "The content type is not supported here"),
    UNKNOWN_PROCEDURE(422, false, "No route is configured for this procedure"),
    UNKNOWN_SYSTEM(422, false, "No such connected system is configured"),
    OPERATION_NOT_SUPPORTED(422, false, "This operation does not apply to this resource"),
    TARGET_UNAVAILABLE(503, true, "The target system could not be reached"),
    TARGET_TIMEOUT(504, true, "The target system did not answer in time"),
    TARGET_REJECTED(422, false, "The target system refused the message"),
    MAPPING_FAILED(422, false, "The message could not be mapped to the target's format"),
    SIGNATURE_INVALID(422, false, "A digital signature does not verify"),
    EDXML_INVALID(422, false, "The edXML package breaks the schema or the rules of QCVN 102:2016"),
    HOSTILE_XML(400, false, "The XML uses constructs refused for safety (DOCTYPE, entities, external DTD)"),
    BROKER_UNAVAILABLE(503, true, "The message could not be stored durably; nothing was accepted"),
    INTERNAL_ERROR(500, true, "An unexpected error happened inside the gateway");

    private final int httpStatus;
    private final boolean transientFailure;
    private final String title;

    ErrorCode(int httpStatus, boolean transientFailure, String title) {
        this.httpStatus = httpStatus;
        this.transientFailure = transientFailure;
        this.title = title;
    }

    /** HTTP status used when this error answers a request. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Whether a later attempt may succeed (retry) or not (dead letter at once). */
    public boolean isTransient() {
        return transientFailure;
    }

    /** Short, stable human title. */
    public String title() {
        return title;
    }

    /** The problem {@code type} URI. */
    public String typeUri() {
        return "urn:lienthong-gateway:problem:" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
