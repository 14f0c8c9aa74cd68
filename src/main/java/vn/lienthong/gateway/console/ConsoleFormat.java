package vn.lienthong.gateway.console;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import vn.lienthong.gateway.deadline.WorkingCalendars;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.FieldError;
import vn.lienthong.gateway.error.GatewayException;

/**
 * How the console writes dates, numbers and payloads, in the operator's language: Vietnamese dates
 * {@code dd/MM/yyyy HH:mm}, always in the agencies' zone (Asia/Ho_Chi_Minh). Templates call it as {@code @fmt}.
 */
@Component("fmt")
public class ConsoleFormat {

    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final MessageSource messages;
    private final ZoneId zone;
    private final ObjectMapper mapper;

    public ConsoleFormat(MessageSource messages, WorkingCalendars calendars, ObjectMapper mapper) {
        this.messages = messages;
        this.zone = calendars.zone();
        this.mapper = mapper;
    }

    /** The agencies' time zone, in which every time is shown and every time typed in is read. */
    public ZoneId zone() {
        return zone;
    }

    /** A date and time for people: {@code 21/11/2026 14:05} in Vietnamese, {@code 21 Nov 2026 14:05} in English. */
    public String date(Object value) {
        ZonedDateTime t = zoned(value);
        if (t == null) {
            return value == null ? "" : value.toString();
        }
        Locale locale = LocaleContextHolder.getLocale();
        String pattern = messages.getMessage("format.datetime", null, "dd/MM/yyyy HH:mm", locale);
        return DateTimeFormatter.ofPattern(pattern, locale).format(t);
    }

    /** Any fact for people: a time as {@link #date}, a state or code by its name in the language, else as it is. */
    public String value(Object value) {
        if (value instanceof TemporalAccessor) {
            return date(value);
        }
        if (value instanceof Boolean b) {
            return messages.getMessage(b ? "common.yes" : "common.no", null, LocaleContextHolder.getLocale());
        }
        String text = value == null ? "" : value.toString();
        return messages.getMessage("state." + text, null, text, LocaleContextHolder.getLocale());
    }

    /** The value for an {@code <input type="datetime-local">}, in the agencies' zone. */
    public String input(OffsetDateTime value) {
        return value == null ? "" : INPUT.format(value.atZoneSameInstant(zone));
    }

    /**
     * Reads what an {@code <input type="datetime-local">} named {@code field} sent (or an ISO date-time with
     * offset); null when empty; VALIDATION_FAILED naming the field otherwise.
     */
    public OffsetDateTime parseInput(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.trim()).atZone(zone).toOffsetDateTime();
        } catch (DateTimeParseException notLocal) {
            try {
                return OffsetDateTime.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw new GatewayException(ErrorCode.VALIDATION_FAILED, "'" + value + "' is not a date and time",
                        List.of(new FieldError("/" + field, "'" + value + "' is not a date and time"
                                + " (2026-11-21T08:00)")));
            }
        }
    }

    /** A count with the language's grouping: 1.234 in Vietnamese, 1,234 in English. */
    public String number(Number value) {
        return value == null ? "" : NumberFormat.getIntegerInstance(LocaleContextHolder.getLocale()).format(value);
    }

    /** A rate between 0 and 1 as a percentage with two decimals; a dash when there is none. */
    public String percent(Number rate) {
        if (rate == null) {
            return "–";
        }
        NumberFormat format = NumberFormat.getPercentInstance(LocaleContextHolder.getLocale());
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(2);
        return format.format(rate.doubleValue());
    }

    /** A JSON payload indented for reading; other text as it is. */
    public String pretty(String payload) {
        if (payload == null) {
            return "";
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(payload));
        } catch (JsonProcessingException e) {
            return payload;
        }
    }

    private ZonedDateTime zoned(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t.atZoneSameInstant(zone);
        }
        if (value instanceof Instant t) {
            return t.atZone(zone);
        }
        if (value instanceof ZonedDateTime t) {
            return t.withZoneSameInstant(zone);
        }
        if (value instanceof CharSequence text) {
            try {
                return OffsetDateTime.parse(text).atZoneSameInstant(zone);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }
}
