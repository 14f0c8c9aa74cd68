package vn.lienthong.gateway.startup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.catalog.CatalogLoader;
import vn.lienthong.gateway.catalog.ConnectedSystem;
import vn.lienthong.gateway.security.DemoMode;
import vn.lienthong.gateway.security.ProductionSafety;

/**
 * Checks the configuration before any bean is created and registers the catalog as the {@code catalog} bean: every
 * problem of every system and procedure file, and outside the demo every demo secret, stop start-up together, so an
 * operator reads one list and fixes it in one go. Registered in {@code META-INF/spring.factories}; it has no order
 * of its own, so a test's {@code @DynamicPropertySource} applies before it.
 */
public class StartupChecks implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Logger log = LoggerFactory.getLogger(StartupChecks.class);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        Path directory = Binder.get(environment).bind("gateway.catalog.directory", Path.class)
                .orElse(Path.of("config"));
        CatalogLoader.Inspection inspection = new CatalogLoader(directory, environment::resolveRequiredPlaceholders)
                .inspect();
        List<String> problems = new ArrayList<>(inspection.problems());
        boolean demo = DemoMode.isOn(environment);
        if (demo) {
            log.warn("DEMO mode (profile '{}'): demo keys, demo operator passwords and the simulators under /sim are"
                    + " on. Never expose this gateway; start it with a production profile instead.", DemoMode.PROFILE);
        } else {
            problems.addAll(ProductionSafety.problems(environment, inspection.systems()));
        }
        if (!problems.isEmpty()) {
            throw new StartupCheckException(demo ? List.of() : List.of(environment.getActiveProfiles()), problems);
        }
        Catalog catalog = inspection.catalog();
        log.info("Catalog loaded from {}: {} systems {}, {} procedures", directory, catalog.systems().size(),
                catalog.systems().stream().map(ConnectedSystem::id).toList(), catalog.procedures().size());
        context.getBeanFactory().registerSingleton("catalog", catalog);
    }
}
