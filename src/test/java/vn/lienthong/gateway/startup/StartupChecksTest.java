package vn.lienthong.gateway.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

import vn.lienthong.gateway.catalog.Catalog;

/**
 * The start-up check lists every problem at once: outside the demo, a configuration written for the demo names both
 * the demo keys and the simulator addresses it cannot resolve; in the demo the same files make the catalog bean.
 */
class StartupChecksTest {

    @TempDir
    Path config;

    @Test
    void outsideTheDemoEveryDemoKeyAndEveryDemoOnlyAddressIsListed() throws IOException {
        system("one-stop", "one-stop", "${gateway.demo.base-url}/sim/one-stop/callbacks", "demo-one-stop-key");
        system("dpi-business", "department", "${gateway.demo.base-url}/sim/departments/dpi-business/dossiers",
                "demo-dpi-business-key");
        MockEnvironment staging = environment();
        staging.setActiveProfiles("staging");

        try (GenericApplicationContext context = context(staging)) {
            assertThatThrownBy(() -> new StartupChecks().initialize(context))
                    .isInstanceOfSatisfying(StartupCheckException.class, e -> assertThat(e.problems())
                            .containsExactlyInAnyOrder(
                                    config.resolve("systems/dpi-business.yml") + ":5: 'endpoint': "
                                            + "${gateway.demo.base-url} is not set (it exists only in the demo"
                                            + " profile, for the simulators; give this system's real value here)",
                                    config.resolve("systems/one-stop.yml") + ":5: 'endpoint': "
                                            + "${gateway.demo.base-url} is not set (it exists only in the demo"
                                            + " profile, for the simulators; give this system's real value here)",
                                    config.resolve("systems/dpi-business.yml") + ": apiKey is the committed demo key"
                                            + " 'demo-dpi-business-key'; give this system its own key from the"
                                            + " environment, e.g. apiKey: ${DPI_BUSINESS_KEY}",
                                    config.resolve("systems/one-stop.yml") + ": apiKey is the committed demo key"
                                            + " 'demo-one-stop-key'; give this system its own key from the"
                                            + " environment, e.g. apiKey: ${ONE_STOP_KEY}"))
                    .hasMessageStartingWith("The gateway runs as production (profiles [staging];");
            assertThat(context.getBeanFactory().containsSingleton("catalog")).isFalse();
        }
    }

    @Test
    void inTheDemoTheSameFilesBecomeTheCatalog() throws IOException {
        system("one-stop", "one-stop", "${gateway.demo.base-url}/sim/one-stop/callbacks", "demo-one-stop-key");
        MockEnvironment demo = environment().withProperty("gateway.demo.base-url", "http://127.0.0.1:8080");

        try (GenericApplicationContext context = context(demo)) {
            new StartupChecks().initialize(context);
            Catalog catalog = context.getBeanFactory().getBean(Catalog.class);
            assertThat(catalog.system("one-stop").orElseThrow().endpoint())
                    .isEqualTo("http://127.0.0.1:8080/sim/one-stop/callbacks");
        }
    }

    @Test
    void everySettingThatNamesAnUnsetVariableIsListed() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new OriginTrackedMapPropertySource(
                "Config resource 'file [config/application.yml]' via location 'optional:file:./config/'",
                Map.of("spring.datasource.url", "${GATEWAY_DB_URL_FOR_THIS_TEST}",
                        "spring.datasource.username", "${GATEWAY_DB_USER_FOR_THIS_TEST:gateway}",
                        "gateway.axis.secret", "${NATIONAL_AXIS_SECRET_FOR_THIS_TEST}")));

        assertThat(StartupChecks.unsetSettings(environment)).containsExactlyInAnyOrder(
                "config/application.yml: spring.datasource.url: ${GATEWAY_DB_URL_FOR_THIS_TEST} is not set",
                "config/application.yml: gateway.axis.secret: ${NATIONAL_AXIS_SECRET_FOR_THIS_TEST} is not set");

        // A gateway that only routes dossiers needs no national document axis settings.
        environment.getPropertySources().addFirst(new MapPropertySource("arguments",
                Map.of("gateway.axis.enabled", "false")));
        assertThat(StartupChecks.unsetSettings(environment)).containsExactly(
                "config/application.yml: spring.datasource.url: ${GATEWAY_DB_URL_FOR_THIS_TEST} is not set");
    }

    private MockEnvironment environment() {
        MockEnvironment environment = new MockEnvironment().withProperty("gateway.catalog.directory", config.toString());
        environment.setDefaultProfiles("demo");
        return environment;
    }

    private static GenericApplicationContext context(MockEnvironment environment) {
        GenericApplicationContext context = new GenericApplicationContext();
        context.setEnvironment(environment);
        return context;
    }

    private void system(String id, String kind, String endpoint, String apiKey) throws IOException {
        Files.createDirectories(config.resolve("systems"));
        Files.writeString(config.resolve("systems/" + id + ".yml"), """
                id: %s
                name: %s
                kind: %s
                protocol: rest
                endpoint: %s
                apiKey: %s
                """.formatted(id, id, kind, endpoint, apiKey));
    }
}
