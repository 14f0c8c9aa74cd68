package vn.lienthong.gateway.error;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Builds {@code application/problem+json} answers from error codes: the one mapping to HTTP. */
public final class Problems {

    private Problems() {
    }

    /** The problem body for a code, a detail and field errors. */
    public static ProblemDetail of(ErrorCode code, String detail, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(code.httpStatus()), detail);
        problem.setType(URI.create(code.typeUri()));
        problem.setTitle(code.title());
        problem.setProperty("code", code.name());
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    /** The HTTP answer for a gateway exception. */
    public static ResponseEntity<ProblemDetail> response(GatewayException e) {
        return response(e.code(), e.getMessage(), e.fieldErrors());
    }

    /** The HTTP answer for a code, a detail and field errors. */
    public static ResponseEntity<ProblemDetail> response(ErrorCode code, String detail, List<FieldError> errors) {
        return ResponseEntity.status(code.httpStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(of(code, detail, errors));
    }
}
