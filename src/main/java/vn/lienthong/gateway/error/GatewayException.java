package vn.lienthong.gateway.error;

import java.util.List;

import vn.lienthong.gateway.support.SecureXml;

/** A failure with a code from the gateway's vocabulary, an operator-readable detail and optional field errors. */
public class GatewayException extends RuntimeException {

    private final ErrorCode code;
    private final transient List<FieldError> fieldErrors;

    public GatewayException(ErrorCode code, String detail) {
        this(code, detail, List.of(), null);
    }

    public GatewayException(ErrorCode code, String detail, Throwable cause) {
        this(code, detail, List.of(), cause);
    }

    public GatewayException(ErrorCode code, String detail, List<FieldError> fieldErrors) {
        this(code, detail, fieldErrors, null);
    }

    public GatewayException(ErrorCode code, String detail, List<FieldError> fieldErrors, Throwable cause) {
        super(detail, cause);
        this.code = code;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    /**
     * The one mapping of an XML reading failure: a DOCTYPE (or DTD, entity) is {@code HOSTILE_XML} on every
     * entry point, anything else not well-formed is {@code MALFORMED_REQUEST}. {@code what} names the input.
     */
    public static GatewayException unreadableXml(String what, Throwable failure) {
        if (SecureXml.isDoctypeRefusal(failure)) {
            return new GatewayException(ErrorCode.HOSTILE_XML, what + " was refused: " + SecureXml.DOCTYPE_REFUSED
                    + "; send the XML without it", failure);
        }
        String reason = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        return new GatewayException(ErrorCode.MALFORMED_REQUEST, what + " is not well-formed XML: "
                + reason.replaceAll("\\s+", " ").trim(), failure);
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    /** Whether trying again later can help. */
    public boolean isTransient() {
        return code.isTransient();
    }
}
