package vn.lienthong.gateway.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * How a finished dossier or step stands against its due date, as the national on-time index counts it
 * (Decision 766/QĐ-TTg): early (trước hạn) when it finished on a day before the due day, on time (đúng hạn) on
 * the due day at or before the due time, late (quá hạn) after the due time.
 */
public enum Timeliness {
    EARLY, ON_TIME, LATE;

    /** The class of a finish at {@code finishedAt} against {@code dueAt}, days as in {@code zone}. */
    public static Timeliness of(Instant finishedAt, Instant dueAt, ZoneId zone) {
        if (finishedAt.isAfter(dueAt)) {
            return LATE;
        }
        return LocalDate.ofInstant(finishedAt, zone).isBefore(LocalDate.ofInstant(dueAt, zone)) ? EARLY : ON_TIME;
    }

    /** Early or on time: what {@code onTime} and the on-time rate count. */
    public boolean onTime() {
        return this != LATE;
    }
}
