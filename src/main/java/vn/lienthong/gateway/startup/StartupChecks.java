package vn.lienthong.gateway.startup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.catalog.CatalogLoader;
import vn.lienthong.gateway.catalog.ConfigCheck;
import vn.lienthong.gateway.catalog.Connectors;
import vn.lienthong.gateway.catalog.ConnectedSystem;
import vn.lienthong.gateway.document.PackageStore;
import vn.lienthong.gateway.security.DemoMode;
import vn.lienthong.gateway.security.OidcLogin;
import vn.lienthong.gateway.security.ProductionSafety;

/**
 * Checks the configuration before any bean is created and registers the catalog as the {@code catalog} bean: every
 * problem of every system and procedure file, and outside the demo every demo secret, stop start-up together, so an
 * operator reads one list and fixes it in one go. Registered in {@code META-INF/spring.factories}; it has no order
 * of its own, so a test's {@code @DynamicPropertySource} applies before it.
 */
public class StartupChecks implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Pattern PLACEHOLDER = Pattern.compile("Could not resolve placeholder '([^']+)'");

    private static final Logger log = LoggerFactory.getLogger(StartupChecks.class);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        Path directory = Binder.get(environment).bind("gateway.catalog.directory", Path.class)
                .orElse(Path.of("config"));
        Path schemas = Binder.get(environment).bind("gateway.schemas.directory", Path.class).orElse(Path.of("schemas"));
        // The same check as --check-config: schemas, references, unset variables.
        // The first folder Camel loads kamelets from (camel.component.kamelet.location, a list of resources).
        Path kamelets = Connectors.kameletFolder(environment.getProperty("camel.component.kamelet.location"));
        ConfigCheck.Result check = new ConfigCheck(directory, schemas, kamelets,
                environment::resolveRequiredPlaceholders).run();
        CatalogLoader.Inspection inspection = check.inspection();
        List<String> problems = new ArrayList<>(unsetSettings(environment));
        problems.addAll(check.problems());
        problems.addAll(OidcLogin.configurationProblems(environment));
        if (!"false".equals(environment.getProperty("gateway.axis.enabled"))) {
            Binder binder = Binder.get(environment);
            Path packages = binder.bind("gateway.axis.packages.directory", Path.class).orElseGet(() ->
                    binder.bind("gateway.data-dir", Path.class).orElse(Path.of("data")).resolve("packages"));
            PackageStore.folderProblem(packages).ifPresent(problems::add);
        }
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

    /**
     * Every setting of the configuration files in force that names an environment variable (or another setting)
     * which is not set, such as {@code GATEWAY_DB_URL} in production: all listed now, rather than the first one
     * failing later inside whichever bean happens to read it.
     */
    static List<String> unsetSettings(ConfigurableEnvironment environment) {
        // The settings of the national document axis are not needed when that feature is switched off.
        boolean axisOff = "false".equals(environment.getProperty("gateway.axis.enabled"));
        Set<String> problems = new LinkedHashSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof OriginTrackedMapPropertySource files) {
                for (String name : files.getPropertyNames()) {
                    if (axisOff && name.startsWith("gateway.axis.")) {
                        continue;
                    }
                    try {
                        environment.getProperty(name);
                    } catch (IllegalArgumentException unresolved) {
                        Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(unresolved.getMessage()));
                        problems.add(source.getName().replaceFirst(
                                "^Config resource '(?:class path resource|file) \\[([^]]+)]'.*$", "$1") + ": " + name
                                + ": " + (placeholder.find() ? "${" + placeholder.group(1) + "} is not set"
                                : unresolved.getMessage()));
                    }
                }
            }
        }
        return List.copyOf(problems);
    }
}
