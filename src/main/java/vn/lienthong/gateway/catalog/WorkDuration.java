package vn.lienthong.gateway.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * A processing time (thời hạn giải quyết) as a procedure file states it: working days, possibly half days
 * ({@code 2.5}), or office hours ({@code hours: 4}). What a day is worth in office time depends on the
 * agency's office hours, so the conversion to working time takes the length of its working day.
 *
 * @param amount how many days or hours, positive, at most two decimals
 * @param unit   days or hours
 */
public record WorkDuration(BigDecimal amount, Unit unit) {

    /** The unit a processing time is stated in. */
    public enum Unit { DAYS, HOURS }

    public WorkDuration {
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("a processing time must be positive: " + amount);
        }
        amount = amount.stripTrailingZeros();
    }

    public static WorkDuration days(String amount) {
        return new WorkDuration(new BigDecimal(amount), Unit.DAYS);
    }

    public static WorkDuration hours(String amount) {
        return new WorkDuration(new BigDecimal(amount), Unit.HOURS);
    }

    /** The office time this stands for, where a working day is {@code dayLength} of office time; whole seconds. */
    public Duration workingTime(Duration dayLength) {
        BigDecimal seconds = unit == Unit.DAYS
                ? amount.multiply(BigDecimal.valueOf(dayLength.toSeconds()))
                : amount.multiply(BigDecimal.valueOf(3600));
        return Duration.ofSeconds(seconds.setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    @Override
    public String toString() {
        return amount.toPlainString() + (unit == Unit.DAYS ? " working days" : " office hours");
    }
}
