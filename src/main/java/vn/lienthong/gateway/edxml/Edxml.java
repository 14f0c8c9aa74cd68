package vn.lienthong.gateway.edxml;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Optional;

/** Constants of QCVN 102:2016 (namespace, date formats) shared by the parser, writer and validator. */
public final class Edxml {

    /** The edXML namespace; every element of a package lives in it, whatever its prefix. */
    public static final String NAMESPACE = "http://www.mic.gov.vn/TBT/QCVN_102_2016";

    /** The prefix the samples use for the envelope; the root uses the default namespace. */
    public static final String PREFIX = "edXML";

    /** The W3C XML signature namespace, which a correctly namespaced Signature element uses. */
    public static final String XMLDSIG_NAMESPACE = "http://www.w3.org/2000/09/xmldsig#";

    /** Dates as the samples write them: PromulgationDate, DueDate. */
    public static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuu/MM/dd", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    /** Timestamps as the samples write them: TraceHeader/Timestamp and a status's Timestamp. */
    public static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm:ss", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    private Edxml() {
    }

    /** Parses an edXML date; empty when absent or not in {@code yyyy/MM/dd}. */
    public static Optional<LocalDate> parseDate(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value, DATE));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Parses an edXML timestamp; empty when absent or not in {@code yyyy/MM/dd HH:mm:ss}. */
    public static Optional<LocalDateTime> parseTimestamp(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(value, TIMESTAMP));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static String format(LocalDate date) {
        return DATE.format(date);
    }

    public static String format(LocalDateTime timestamp) {
        return TIMESTAMP.format(timestamp);
    }

    /** ContentId without its optional {@code cid:} prefix: samples and senders disagree on it. */
    public static String normaliseContentId(String contentId) {
        if (contentId == null) {
            return null;
        }
        String trimmed = contentId.trim();
        return trimmed.regionMatches(true, 0, "cid:", 0, 4) ? trimmed.substring(4).trim() : trimmed;
    }
}
