package vn.lienthong.gateway.simulator;

import java.util.Locale;

/** How a simulated system behaves: normally, unreachable, slow (5 s), or refusing with a business error. */
public enum SimulatorMode {
    UP, DOWN, SLOW, REJECT;

    public static SimulatorMode parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
