package vn.lienthong.gateway.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.gateway.deadline.WorkingCalendarTest.dates;
import static vn.lienthong.gateway.deadline.WorkingCalendarTest.vn;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.catalog.CatalogLoader;
import vn.lienthong.gateway.catalog.WorkDuration;

/**
 * The calendar shipped in config/application.yml: 2026 as the government's notices give it, and the start-up
 * warning for a year that due dates reach but no holiday list covers.
 */
class CalendarConfigTest {

    static CalendarProperties shipped() throws IOException {
        List<PropertySource<?>> documents = new YamlPropertySourceLoader().load("application.yml",
                new FileSystemResource(Path.of("config", "application.yml")));
        return new Binder(ConfigurationPropertySources.from(documents.get(0)))
                .bind("gateway.calendar", CalendarProperties.class).get();
    }

    @Test
    void the2026CalendarHasTheHolidaysAndCompensatoryWorkingDaysOfTheNotices() throws IOException {
        CalendarProperties calendar = shipped();
        assertThat(calendar.holidays()).containsExactlyInAnyOrderElementsOf(dates("2026-01-01", "2026-01-02",
                "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-04-27", "2026-04-30",
                "2026-05-01", "2026-08-31", "2026-09-01", "2026-09-02"));
        assertThat(calendar.workingDays()).containsExactly(LocalDate.parse("2026-01-10"),
                LocalDate.parse("2026-08-22"));
        // Ngày Văn hóa Việt Nam is announced but not yet in the Labour Code: left out until it is.
        assertThat(calendar.holidays()).doesNotContain(LocalDate.parse("2026-11-24"));
        WorkingCalendar standard = new WorkingCalendars(calendar).standard();
        assertThat(standard.dayLength()).isEqualTo(Duration.ofHours(8));
        assertThat(standard.isWorkingDay(LocalDate.parse("2026-11-24"))).isTrue();
        // The README sample: received Saturday 21/11 09:40, 3 working days, the gateway says Wednesday 17:00.
        assertThat(standard.due(vn("2026-11-21T09:40"), WorkDuration.days("3")))
                .isEqualTo(vn("2026-11-25T17:00"));
    }

    @Test
    void aYearThatDueDatesReachWithoutACalendarIsAStartUpWarning() throws IOException {
        WorkingCalendars calendars = new WorkingCalendars(shipped());
        Catalog catalog = new CatalogLoader(Path.of("config"), v -> v.replaceAll("\\$\\{[^:}]+:([^}]*)}", "$1")
                .replace("${gateway.demo.base-url}", "http://127.0.0.1:8080")
                .replace("${gateway.data-dir}", "data")).load();
        CalendarYearCheck check = new CalendarYearCheck(calendars, catalog);

        // Late November 2026: the longest procedure (15 days) falls due in December, inside the calendar.
        assertThat(check.warnings(vn("2026-11-29T21:00"))).isEmpty();
        // Mid-December: a dossier received today can fall due in January 2027, which has no holidays yet.
        assertThat(check.warnings(vn("2026-12-20T09:00"))).singleElement().asString()
                .contains("gateway.calendar has no holidays for 2027");
        assertThat(check.warnings(vn("2028-03-02T09:00"))).singleElement().asString().contains("2028");
    }
}
