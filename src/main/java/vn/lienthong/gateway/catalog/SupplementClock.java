package vn.lienthong.gateway.catalog;

/**
 * What a supplement request (yêu cầu bổ sung) does to a procedure's clock, per procedure
 * ({@code supplementClock:} in its file).
 */
public enum SupplementClock {
    /** The clock stands still while the supplement is awaited; the due date moves by the working time waited. */
    PAUSE,
    /** The full processing time counts again from the moment the supplement arrives. */
    RESTART;

    /** The name used in procedure files. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
