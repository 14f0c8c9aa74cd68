package vn.lienthong.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.catalog.CatalogLoader;

/** Demo is decided in one place, default profile included; anything else is production and refuses demo secrets. */
class ProductionSafetyTest {

    @TempDir
    Path config;

    @Test
    void theDemoIsOnAsTheDefaultProfileOrNamedAndOffForEveryOtherProfile() {
        MockEnvironment byDefault = new MockEnvironment();
        byDefault.setDefaultProfiles("demo");
        assertThat(DemoMode.isOn(byDefault)).as("no profile argument, default profile demo").isTrue();

        MockEnvironment named = new MockEnvironment();
        named.setActiveProfiles("demo", "extra");
        assertThat(DemoMode.isOn(named)).isTrue();

        MockEnvironment staging = new MockEnvironment();
        staging.setDefaultProfiles("demo");
        staging.setActiveProfiles("staging");
        assertThat(DemoMode.isOn(staging)).as("an active profile replaces the default one").isFalse();
    }

    @Test
    void productionNamesEveryDemoSecretAtOnce() throws IOException {
        system("one-stop", "demo-one-stop-key");
        system("tnmt-land", "a-real-key-from-the-environment");
        MockEnvironment environment = production()
                .withProperty("gateway.security.users[0].username", "operator")
                .withProperty("gateway.security.users[0].password", "{noop}operator-demo")
                .withProperty("gateway.security.users[0].role", "OPERATOR")
                .withProperty("gateway.security.users[1].username", "admin")
                .withProperty("gateway.security.users[1].password",
                        "{bcrypt}" + new BCryptPasswordEncoder().encode("admin-demo"))
                .withProperty("gateway.security.users[1].role", "ADMIN")
                .withProperty("gateway.axis.signing.demo-keys", "true")
                .withProperty("gateway.axis.signing.password", "changeit")
                .withProperty("gateway.axis.secret", "demo-national-axis-hmac-secret");

        assertThat(ProductionSafety.problems(environment, catalog().systems()))
                .anySatisfy(p -> assertThat(p).contains("one-stop.yml", "demo key 'demo-one-stop-key'",
                        "${ONE_STOP_KEY}"))
                .anySatisfy(p -> assertThat(p).contains("operator 'operator'", "{bcrypt} hash"))
                .anySatisfy(p -> assertThat(p).contains("operator 'admin'", "demo password"))
                .anySatisfy(p -> assertThat(p).contains("demo-keys"))
                .anySatisfy(p -> assertThat(p).contains("default password ('changeit')"))
                .anySatisfy(p -> assertThat(p).contains("gateway.axis.secret"))
                .noneSatisfy(p -> assertThat(p).contains("tnmt-land"))
                .hasSize(6);
    }

    @Test
    void productionWithItsOwnSecretsStarts() throws IOException {
        system("one-stop", "k3y-from-the-environment");
        MockEnvironment environment = production()
                .withProperty("gateway.security.users[0].username", "operator")
                .withProperty("gateway.security.users[0].password",
                        "{bcrypt}" + new BCryptPasswordEncoder().encode("a long passphrase"))
                .withProperty("gateway.security.users[0].role", "OPERATOR")
                .withProperty("gateway.axis.signing.password", "a key store secret")
                .withProperty("gateway.axis.secret", "the axis secret of this agency");

        assertThat(ProductionSafety.problems(environment, catalog().systems())).isEmpty();
    }

    private static MockEnvironment production() {
        MockEnvironment environment = new MockEnvironment();
        environment.setDefaultProfiles("demo");
        environment.setActiveProfiles("staging");
        return environment;
    }

    private Catalog catalog() {
        return new CatalogLoader(config, value -> value).load();
    }

    private void system(String id, String apiKey) throws IOException {
        Files.createDirectories(config.resolve("systems"));
        Files.writeString(config.resolve("systems/" + id + ".yml"), """
                id: %s
                name: %s
                kind: %s
                protocol: rest
                endpoint: http://127.0.0.1:9/%s
                apiKey: %s
                """.formatted(id, id, id.equals("one-stop") ? "one-stop" : "department", id, apiKey));
    }
}
