package vn.lienthong.gateway.deadline;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Office hours (giờ hành chính) per weekday: the periods in which working time counts. By default Monday to
 * Friday, 07:30–11:30 and 13:00–17:00; Saturday and Sunday have none.
 */
public final class OfficeHours {

    /**
     * One stretch of office time within a day.
     *
     * @param start when it opens
     * @param end   when it closes, after {@code start}
     */
    public record Period(LocalTime start, LocalTime end) {

        public Period {
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("office period " + start + "-" + end + " must end after it starts");
            }
        }

        /** Reads {@code 07:30-11:30}. */
        static Period parse(String text) {
            String[] parts = text.trim().split("\\s*-\\s*");
            try {
                if (parts.length == 2) {
                    return new Period(LocalTime.parse(parts[0]), LocalTime.parse(parts[1]));
                }
            } catch (DateTimeParseException e) {
                // explained below
            }
            throw new IllegalArgumentException("'" + text + "' is not an office period such as 07:30-11:30");
        }

        Duration length() {
            return Duration.between(start, end);
        }

        @Override
        public String toString() {
            return start + "-" + end;
        }
    }

    private static final List<Period> MORNING_AND_AFTERNOON = List.of(
            new Period(LocalTime.of(7, 30), LocalTime.of(11, 30)), new Period(LocalTime.of(13, 0), LocalTime.of(17, 0)));

    /** Monday to Friday 07:30–11:30 and 13:00–17:00, the civil service's usual hours. */
    public static final OfficeHours DEFAULT = new OfficeHours(defaults());

    private final Map<DayOfWeek, List<Period>> byDay;
    private final List<Period> standardDay;

    private OfficeHours(Map<DayOfWeek, List<Period>> byDay) {
        this.byDay = byDay;
        this.standardDay = byDay.values().stream()
                .max(Comparator.comparing(OfficeHours::total))
                .filter(periods -> !periods.isEmpty())
                .orElseThrow(() -> new IllegalArgumentException("the office hours leave no weekday with office time"));
    }

    private static Map<DayOfWeek, List<Period>> defaults() {
        Map<DayOfWeek, List<Period>> byDay = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            byDay.put(day, day.getValue() <= 5 ? MORNING_AND_AFTERNOON : List.of());
        }
        return byDay;
    }

    /**
     * These hours with the weekdays in {@code configured} replaced (an empty list makes a weekday a day off).
     *
     * @throws IllegalArgumentException naming the weekday when a period cannot be read or periods overlap
     */
    public OfficeHours with(Map<DayOfWeek, List<String>> configured) {
        Map<DayOfWeek, List<Period>> merged = new EnumMap<>(byDay);
        configured.forEach((day, texts) -> {
            List<Period> periods = new ArrayList<>();
            for (String text : texts == null ? List.<String>of() : texts) {
                try {
                    periods.add(Period.parse(text));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(day.name().toLowerCase(Locale.ROOT) + ": "
                            + e.getMessage(), e);
                }
            }
            periods.sort(Comparator.comparing(Period::start));
            for (int i = 1; i < periods.size(); i++) {
                if (periods.get(i).start().isBefore(periods.get(i - 1).end())) {
                    throw new IllegalArgumentException(day.name().toLowerCase(Locale.ROOT) + ": office"
                            + " periods " + periods.get(i - 1) + " and " + periods.get(i) + " overlap");
                }
            }
            merged.put(day, List.copyOf(periods));
        });
        return new OfficeHours(merged);
    }

    /** The office periods of a weekday, in order; empty on a day off. */
    public List<Period> periods(DayOfWeek day) {
        return byDay.get(day);
    }

    /**
     * A full working day: the periods of the weekday with the most office time. A compensatory working day
     * (ngày làm bù, usually a Saturday) keeps these hours, and a duration of one day is worth their length.
     */
    public List<Period> standardDay() {
        return standardDay;
    }

    /** The office time of a full working day (8 hours by default). */
    public Duration dayLength() {
        return total(standardDay);
    }

    private static Duration total(List<Period> periods) {
        return periods.stream().map(Period::length).reduce(Duration.ZERO, Duration::plus);
    }

    @Override
    public String toString() {
        return byDay.toString();
    }
}
