package vn.lienthong.gateway.deadline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.catalog.Procedure;

/**
 * Warns at start-up when a year that today's dossiers can fall due in has no holidays configured: its due dates
 * would count public holidays as working days and miss its compensatory working days.
 */
@Component
public class CalendarYearCheck {

    private static final Logger log = LoggerFactory.getLogger(CalendarYearCheck.class);

    private final WorkingCalendars calendars;
    private final Catalog catalog;

    public CalendarYearCheck(WorkingCalendars calendars, Catalog catalog) {
        this.calendars = calendars;
        this.catalog = catalog;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void warnAtStartUp() {
        warnings(Instant.now()).forEach(log::warn);
    }

    /**
     * The warnings for a gateway starting at {@code now}: one per year between today and the due date of the
     * longest procedure received today that has no holiday or compensatory working day configured.
     */
    List<String> warnings(Instant now) {
        WorkingCalendar standard = calendars.standard();
        Instant furthest = catalog.procedures().stream().map(Procedure::processingTime)
                .map(time -> standard.due(now, time)).max(Comparator.naturalOrder()).orElse(now);
        Set<Integer> missing = calendars.yearsWithoutCalendar(LocalDate.ofInstant(now, standard.zone()),
                LocalDate.ofInstant(furthest, standard.zone()));
        return missing.stream().map(year -> "gateway.calendar has no holidays for " + year + ": due dates in " + year
                + " count its public holidays as working days and miss its compensatory working days (ngày làm bù);"
                + " add " + year + "'s holidays and working-days from the government's notices").toList();
    }
}
