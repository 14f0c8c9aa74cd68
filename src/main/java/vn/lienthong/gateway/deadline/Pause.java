package vn.lienthong.gateway.deadline;

import java.time.Instant;

/**
 * A stretch of time during which a clock stood still: a supplement request (yêu cầu bổ sung) and its answer.
 *
 * @param from when the department asked for the supplement
 * @param to   when the supplement reached the step, or {@code null} while the clock is still stopped
 */
public record Pause(Instant from, Instant to) {

    public boolean isOpen() {
        return to == null;
    }
}
