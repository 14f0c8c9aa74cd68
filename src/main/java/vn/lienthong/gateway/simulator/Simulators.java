package vn.lienthong.gateway.simulator;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** The registry of simulated systems: the one-stop software and the demo departments. */
@Component
@Profile("demo")
public class Simulators {

    public static final String ONE_STOP = "one-stop";
    public static final String IZB = "izb-investment";
    public static final String DPI = "dpi-business";
    public static final String DOLISA = "dolisa-labour";
    public static final String PORTAL = "national-portal";

    private final Map<String, SimulatedSystem> systems = new ConcurrentHashMap<>();

    public Simulators() {
        for (String id : new String[] {ONE_STOP, IZB, DPI, DOLISA, PORTAL}) {
            systems.put(id, new SimulatedSystem(id));
        }
    }

    public Optional<SimulatedSystem> find(String id) {
        return Optional.ofNullable(systems.get(id));
    }

    public SimulatedSystem get(String id) {
        return systems.get(id);
    }
}
