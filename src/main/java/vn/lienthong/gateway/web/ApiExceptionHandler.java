package vn.lienthong.gateway.web;

import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.http.converter.HttpMessageNotReadableException;

import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.FieldError;
import vn.lienthong.gateway.error.GatewayException;
import vn.lienthong.gateway.error.Problems;

/** Turns every failure of an API call into problem+json; an unexpected one gets a reference the logs share. */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(GatewayException.class)
    ResponseEntity<ProblemDetail> gateway(GatewayException e, HttpServletRequest request) {
        if (e.code().httpStatus() >= 500) {
            log.warn("{}: {}", e.code(), e.getMessage(), e);
        }
        return refused(request, Problems.response(e));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        return refused(request, Problems.response(ErrorCode.PAYLOAD_TOO_LARGE, "The upload is larger than allowed"
                + (e.getMaxUploadSize() > 0 ? " (" + e.getMaxUploadSize() / (1024 * 1024) + " MB," : " (")
                + " gateway.axis.max-package-size)", List.of()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return refused(request, Problems.response(ErrorCode.UNSUPPORTED_MEDIA_TYPE, e.getMessage(), List.of()));
    }

    /** A query or path parameter that is not of its type: named, with what it must look like. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        String message = "'" + e.getValue() + "' is not " + expected(e.getRequiredType());
        return refused(request, Problems.response(ErrorCode.VALIDATION_FAILED,
                "Parameter " + e.getName() + ": " + message,
                List.of(new FieldError("/" + e.getName(), message))));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e,
                                                   HttpServletRequest request) {
        return refused(request, Problems.response(ErrorCode.VALIDATION_FAILED,
                "Parameter " + e.getParameterName() + " is required",
                List.of(new FieldError("/" + e.getParameterName(), "is required"))));
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "valid here";
        }
        if (java.time.OffsetDateTime.class.equals(type)) {
            return "a date-time with offset (ISO-8601, e.g. 2026-11-21T08:00:00+07:00)";
        }
        if (java.time.LocalDate.class.equals(type)) {
            return "a date (ISO-8601, e.g. 2026-11-21)";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        return "a valid " + type.getSimpleName();
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(Exception e, HttpServletRequest request) {
        return refused(request, Problems.response(ErrorCode.MALFORMED_REQUEST, "The request cannot be read: "
                + firstLine(e.getMessage()), List.of(new FieldError("", firstLine(e.getMessage())))));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NoResourceFoundException e, HttpServletRequest request) {
        return refused(request, Problems.response(ErrorCode.NOT_FOUND, "No such path: /" + e.getResourcePath(),
                List.of()));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return refused(request, Problems.response(ErrorCode.METHOD_NOT_ALLOWED, e.getMessage(), List.of()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        String reference = UUID.randomUUID().toString();
        log.error("Unexpected failure, reference {}", reference, e);
        return Problems.response(ErrorCode.INTERNAL_ERROR, "Unexpected failure; quote reference " + reference
                + " to the operators. Nothing was accepted.", List.of());
    }

    /**
     * A client's mistake, logged as one line (never a stack trace): method, path, status, code and what was said,
     * so an operator can match a department's complaint to the gateway's answer.
     */
    private static ResponseEntity<ProblemDetail> refused(HttpServletRequest request,
                                                         ResponseEntity<ProblemDetail> answer) {
        ProblemDetail problem = answer.getBody();
        if (problem != null && answer.getStatusCode().is4xxClientError() && log.isInfoEnabled()) {
            Object code = problem.getProperties() == null ? null : problem.getProperties().get("code");
            String detail = String.valueOf(problem.getDetail()).replaceAll("[\\r\\n\\t]+", " ");
            log.info("Refused {} {}: {} {} {}", request.getMethod(), request.getRequestURI(), problem.getStatus(), code,
                    detail.length() > 300 ? detail.substring(0, 297) + "..." : detail);
        }
        return answer;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
