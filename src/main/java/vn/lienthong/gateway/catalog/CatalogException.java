package vn.lienthong.gateway.catalog;

import java.nio.file.Path;

/** A configuration file that cannot be used; names the file, the line and the problem, and stops start-up. */
public class CatalogException extends RuntimeException {

    public CatalogException(Path file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
    }

    public CatalogException(Path file, int line, String problem, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem, cause);
    }
}
