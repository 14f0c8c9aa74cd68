package vn.lienthong.gateway.edxml;

/** One result of {@link EdxmlValidator}: how serious, where (e.g. {@code MessageHeader/Code/CodeNumber}) and why. */
public record ValidationFinding(Severity severity, String path, String reason) {

    /** ERROR: the package must not be accepted. WARNING: accepted, but worth an operator's look. */
    public enum Severity { ERROR, WARNING }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return severity + " " + path + ": " + reason;
    }
}
