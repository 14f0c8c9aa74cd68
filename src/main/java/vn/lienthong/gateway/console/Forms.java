package vn.lienthong.gateway.console;

/** What the console's forms send: an empty field means "not given". */
final class Forms {

    private Forms() {
    }

    /** The value trimmed, or null when it is missing or blank. */
    static String given(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
