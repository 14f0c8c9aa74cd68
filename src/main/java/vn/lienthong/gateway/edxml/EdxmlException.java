package vn.lienthong.gateway.edxml;

/** The one failure type of the edXML codec, with a stable reason code an operator can act on. */
public class EdxmlException extends RuntimeException {

    /** Stable reason codes; transient ones may succeed when retried, permanent ones never will. */
    public enum Reason {
        /** Not well-formed XML, or not the edXML structure (permanent). */
        EDXML_MALFORMED(false),
        /** XML constructs refused for safety: DOCTYPE, entities, XInclude (permanent). */
        EDXML_HOSTILE_XML(false),
        /** Well-formed but breaks the schema or the rules of the standard (permanent). */
        EDXML_INVALID(false),
        /** A size or nesting limit of the parser was exceeded (permanent). */
        EDXML_LIMIT_EXCEEDED(false),
        /** An attachment cannot be decoded (bad base64, unreadable zip) (permanent). */
        EDXML_ATTACHMENT(false),
        /** Local I/O failed while storing or reading attachments, e.g. disk full (transient). */
        EDXML_IO(true);

        private final boolean transientFailure;

        Reason(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        /** Whether retrying the same message later may succeed. */
        public boolean isTransient() {
            return transientFailure;
        }
    }

    private final Reason reason;

    public EdxmlException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public EdxmlException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** The message prefixed with the reason code, as it should appear in logs and dead letters. */
    @Override
    public String toString() {
        return reason + ": " + getMessage();
    }
}
