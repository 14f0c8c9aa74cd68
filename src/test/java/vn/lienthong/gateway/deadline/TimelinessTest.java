package vn.lienthong.gateway.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.gateway.deadline.WorkingCalendarTest.VN;
import static vn.lienthong.gateway.deadline.WorkingCalendarTest.vn;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Early, on time or late as the national index counts a finished dossier against its due date. */
class TimelinessTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # what the case shows                                  | finished         | due              | class
            finished on a day before the due day: early            | 2026-11-25T16:59 | 2026-11-26T17:00 | EARLY
            finished the evening before the due day: still early   | 2026-11-25T23:59 | 2026-11-26T08:00 | EARLY
            finished on the due day before the due time: on time   | 2026-11-26T07:45 | 2026-11-26T17:00 | ON_TIME
            finished exactly at the due time: on time              | 2026-11-26T17:00 | 2026-11-26T17:00 | ON_TIME
            finished a minute after the due time: late             | 2026-11-26T17:01 | 2026-11-26T17:00 | LATE
            finished on a later day: late                          | 2026-11-27T08:00 | 2026-11-26T17:00 | LATE
            """)
    void classifies(String shows, String finished, String due, Timeliness expected) {
        assertThat(Timeliness.of(vn(finished), vn(due), VN)).as(shows).isEqualTo(expected);
        assertThat(expected.onTime()).isEqualTo(expected != Timeliness.LATE);
    }
}
