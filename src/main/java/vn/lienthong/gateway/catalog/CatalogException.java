package vn.lienthong.gateway.catalog;

import java.nio.file.Path;
import java.util.List;

/** A configuration that cannot be used; names the file, the line and the problem of each fault, and stops start-up. */
public class CatalogException extends RuntimeException {

    private final List<String> problems;

    public CatalogException(Path file, int line, String problem) {
        this(file, line, problem, null);
    }

    public CatalogException(Path file, int line, String problem, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem, cause);
        this.problems = List.of(getMessage());
    }

    /** Several faults, each already written as {@code file:line: problem}. */
    public CatalogException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each fault as {@code file:line: problem}. */
    public List<String> problems() {
        return problems;
    }
}
