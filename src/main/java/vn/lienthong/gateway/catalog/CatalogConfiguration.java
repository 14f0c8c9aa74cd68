package vn.lienthong.gateway.catalog;

import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Loads the catalog once at start-up; a bad file stops start-up with its file, line and problem. */
@Configuration(proxyBeanMethods = false)
public class CatalogConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CatalogConfiguration.class);

    @Bean
    Catalog catalog(GatewayProperties properties, Environment environment) {
        Catalog catalog = new CatalogLoader(properties.catalog().directory(),
                environment::resolveRequiredPlaceholders).load();
        if (Arrays.asList(environment.getActiveProfiles()).contains("prod")) {
            for (ConnectedSystem system : catalog.systems()) {
                if (system.apiKey().startsWith("demo-")) {
                    throw new CatalogException(system.source(), 0, "apiKey is a demo key; in prod every key"
                            + " must come from the environment (e.g. apiKey: ${" + system.id().toUpperCase()
                            .replace('-', '_') + "_KEY})");
                }
            }
        }
        log.info("Catalog loaded: {} systems {}, {} procedures", catalog.systems().size(),
                catalog.systems().stream().map(ConnectedSystem::id).toList(), catalog.procedures().size());
        return catalog;
    }
}
