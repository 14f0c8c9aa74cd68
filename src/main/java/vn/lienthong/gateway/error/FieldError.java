package vn.lienthong.gateway.error;

/**
 * One field-level problem in a request.
 *
 * @param pointer JSON Pointer (RFC 6901) of the offending field, {@code ""} for the whole document
 * @param message why it is wrong, in words an integrator understands
 */
public record FieldError(String pointer, String message) {
}
