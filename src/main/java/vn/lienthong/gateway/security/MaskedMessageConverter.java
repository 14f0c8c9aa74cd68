package vn.lienthong.gateway.security;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The {@code %m} of every log line with applicants' identity numbers, phone numbers and e-mail addresses masked
 * ({@link PersonalData#maskText}); wired in {@code logback-spring.xml} for {@code %m}, {@code %msg} and
 * {@code %message}, so no log line the gateway or a library writes carries them in clear.
 */
public class MaskedMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return PersonalData.maskText(super.convert(event));
    }
}
