package vn.lienthong.gateway.dossier;

import java.util.Set;

/** Dossier status codes (trạng thái hồ sơ, the national portal's TrangThaiHoSo), CONTRACT §5. */
public enum DossierStatus {
    REGISTERED(1), ACCEPTED(2), NOT_ACCEPTED(3), IN_PROGRESS(4), SUPPLEMENT_REQUESTED(5), PAYMENT_REQUESTED(6),
    WITHDRAWN(7), STOPPED(8), COMPLETED(9), RESULT_RETURNED(10);

    /** Statuses that end a dossier's whole route. */
    public static final Set<DossierStatus> ENDS_ROUTE = Set.of(NOT_ACCEPTED, WITHDRAWN, STOPPED);

    private final int code;

    DossierStatus(int code) {
        this.code = code;
    }

    /** The portal's numeric code. */
    public int code() {
        return code;
    }

    /** Whether the department has finished its part. */
    public boolean isFinished() {
        return this == COMPLETED || this == RESULT_RETURNED;
    }
}
