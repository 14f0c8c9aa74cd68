package vn.lienthong.gateway.error;

import java.util.List;

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
