package vn.lienthong.gateway.error;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One field-level problem in a request.
 *
 * @param pointer    JSON Pointer (RFC 6901) of the offending field, {@code ""} for the whole document
 * @param message    why it is wrong, in words an integrator understands (English: what the API answers)
 * @param vietnamese the same in Vietnamese, for the console; null where no translation exists. Never in an API
 *                   answer, whose field errors stay in one language.
 */
public record FieldError(String pointer, String message, @JsonIgnore String vietnamese) {

    public FieldError(String pointer, String message) {
        this(pointer, message, null);
    }

    /** The message for a reader of {@code locale}: Vietnamese when asked and known, else English. */
    public String message(Locale locale) {
        return vietnamese != null && locale != null && "vi".equals(locale.getLanguage()) ? vietnamese : message;
    }
}
