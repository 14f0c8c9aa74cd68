package vn.lienthong.gateway.dossier;

/**
 * Where one department's step stands: the delivery states until the department reports, then the
 * department's own status (CONTRACT §5).
 */
public final class StepState {

    /** Waiting for the step named in {@code after} to complete. */
    public static final String PENDING = "PENDING";
    public static final String ROUTED = "ROUTED";
    public static final String DELIVERING = "DELIVERING";
    public static final String DELIVERED = "DELIVERED";
    public static final String RETRYING = "RETRYING";
    public static final String DEAD_LETTERED = "DEAD_LETTERED";

    private StepState() {
    }
}
