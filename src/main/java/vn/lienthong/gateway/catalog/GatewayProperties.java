package vn.lienthong.gateway.catalog;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the gateway finds its files.
 *
 * @param dataDir  folder for the embedded broker journal, the embedded database, exchange folders and keys
 * @param catalog  where connected systems and procedures are configured
 * @param schemas  where the JSON Schemas, XSDs and WSDLs live
 */
@ConfigurationProperties("gateway")
public record GatewayProperties(Path dataDir, CatalogDir catalog, SchemasDir schemas) {

    /** @param directory folder holding {@code systems/}, {@code procedures/} and {@code mappings/} */
    public record CatalogDir(Path directory) {
    }

    /** @param directory folder holding the contracts ({@code schemas/}) */
    public record SchemasDir(Path directory) {
    }
}
