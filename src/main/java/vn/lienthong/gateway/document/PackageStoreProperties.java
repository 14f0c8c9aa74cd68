package vn.lienthong.gateway.document;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Where received edXML packages are kept while they travel ({@code gateway.axis.packages}): the claim check of
 * {@link PackageStore}.
 *
 * @param directory the folder of the stored packages; {@code <gateway.data-dir>/packages} when not set. Every
 *                  node of a cluster must see the same folder (a shared volume), because the node that takes a
 *                  package from the axis is not always the one that processes it
 * @param largeSize packages larger than this are large: their XML signature is checked while streaming and the
 *                  document office gets a link to the package ({@code edxmlLink}) instead of its Base64 bytes
 */
@ConfigurationProperties("gateway.axis.packages")
public record PackageStoreProperties(Path directory, DataSize largeSize) {

    public PackageStoreProperties {
        largeSize = largeSize == null ? DataSize.ofMegabytes(8) : largeSize;
    }
}
