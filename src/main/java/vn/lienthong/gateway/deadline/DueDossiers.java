package vn.lienthong.gateway.deadline;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.stereotype.Service;

/**
 * The open dossiers operators must watch: those past their due date (quá hạn) and those due within one working
 * day (sắp đến hạn), by the gateway's own due date; dossiers whose clock is stopped for a supplement are neither.
 */
@Service
public class DueDossiers {

    /** An open dossier and its due date. */
    public record Due(String dossierCode, String procedureCode, String receivingAgency, String state,
                      OffsetDateTime dueAt) {
    }

    /**
     * How many are overdue and due soon, with the first few of each, soonest due first.
     *
     * @param dueSoonUntil the end of the "due within a working day" window
     */
    public record Watch(long overdueCount, List<Due> overdue, long dueSoonCount, List<Due> dueSoon,
                        OffsetDateTime dueSoonUntil) {
    }

    private final DeadlineStore store;
    private final WorkingCalendars calendars;

    public DueDossiers(DeadlineStore store, WorkingCalendars calendars) {
        this.store = store;
        this.calendars = calendars;
    }

    /** The watch list at {@code now}, at most {@code limit} dossiers in each part. */
    public Watch watch(Instant now, int limit) {
        // One working day of the standard calendar; an agency with office hours of its own differs by little.
        WorkingCalendar calendar = calendars.standard();
        Instant soon = calendar.plus(now, calendar.dayLength());
        return new Watch(store.countOpenDue(null, now, Deadlines.CLOSED),
                store.openDue(null, now, Deadlines.CLOSED, limit),
                store.countOpenDue(now, soon, Deadlines.CLOSED),
                store.openDue(now, soon, Deadlines.CLOSED, limit), OffsetDateTime.ofInstant(soon, calendars.zone()));
    }
}
