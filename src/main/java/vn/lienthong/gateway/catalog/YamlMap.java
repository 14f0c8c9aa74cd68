package vn.lienthong.gateway.catalog;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML mapping that remembers the line of every key, so that configuration errors can name the
 * file and line. Values pass through a resolver (Spring placeholders) before they are read; a placeholder that
 * cannot be resolved is reported to {@code unresolved} and the value is read as written, so that the rest of the
 * file is still checked and every such problem is listed at once.
 */
final class YamlMap {

    private static final Pattern PLACEHOLDER = Pattern.compile("Could not resolve placeholder '([^']+)'");

    private final Path file;
    private final Node node;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final UnaryOperator<String> resolver;
    private final Consumer<CatalogException> unresolved;

    private YamlMap(Path file, Node node, UnaryOperator<String> resolver, Consumer<CatalogException> unresolved) {
        this.file = file;
        this.node = node;
        this.resolver = resolver;
        this.unresolved = unresolved;
        if (!(node instanceof MappingNode mapping)) {
            throw new CatalogException(file, line(node), "expected a mapping of keys to values");
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw new CatalogException(file, line(tuple.getKeyNode()), "keys must be plain names");
            }
            if (entries.put(key.getValue(), tuple) != null) {
                throw new CatalogException(file, line(key), "key '" + key.getValue() + "' appears twice");
            }
        }
    }

    /** Reads a file whose top level is a mapping; placeholders that cannot be resolved go to {@code unresolved}. */
    static YamlMap read(Path file, UnaryOperator<String> resolver, Consumer<CatalogException> unresolved) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(1024 * 1024);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Node root = yaml.compose(reader);
            if (root == null) {
                throw new CatalogException(file, 0, "the file is empty");
            }
            return new YamlMap(file, root, resolver, unresolved);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            throw new CatalogException(file, line, "not valid YAML: " + e.getProblem(), e);
        } catch (YAMLException e) {
            throw new CatalogException(file, 0, "not valid YAML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CatalogException(file, 0, "cannot be read: " + e.getMessage(), e);
        }
    }

    Path file() {
        return file;
    }

    int line() {
        return line(node);
    }

    /** Fails on any key outside {@code allowed}, so that a typo does not silently fall back to a default. */
    void onlyKeys(Set<String> allowed) {
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw error(e.getKey(), "unknown key '" + e.getKey() + "' (allowed: " + String.join(", ", allowed) + ")");
            }
        }
    }

    /** The keys as written, in file order. */
    Set<String> keys() {
        return entries.keySet();
    }

    /** A scalar value as written in the file, before placeholders are resolved; null when absent. */
    String raw(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple != null && tuple.getValueNode() instanceof ScalarNode scalar ? scalar.getValue() : null;
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The line of {@code key}, or of the mapping when it is absent. */
    int line(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? line() : line(tuple.getKeyNode());
    }

    CatalogException error(String key, String problem) {
        return new CatalogException(file, line(key), problem);
    }

    String requiredString(String key) {
        String value = optionalString(key);
        if (value == null || value.isBlank()) {
            throw error(key, "'" + key + "' is required");
        }
        return value;
    }

    String optionalString(String key) {
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            return null;
        }
        if (!(tuple.getValueNode() instanceof ScalarNode scalar)) {
            throw error(key, "'" + key + "' must be a single value");
        }
        try {
            return resolver.apply(scalar.getValue()).trim();
        } catch (IllegalArgumentException e) {
            unresolved.accept(error(key, "'" + key + "': " + unresolvedReason(e)));
            return scalar.getValue().trim();
        }
    }

    Integer optionalInt(String key) {
        String value = optionalString(key);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw error(key, "'" + key + "' must be a whole number, not '" + value + "'");
        }
    }

    YamlMap optionalMap(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? null : new YamlMap(file, tuple.getValueNode(), resolver, unresolved);
    }

    List<YamlMap> requiredList(String key) {
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            throw error(key, "'" + key + "' is required");
        }
        if (!(tuple.getValueNode() instanceof SequenceNode sequence)) {
            throw error(key, "'" + key + "' must be a list");
        }
        List<YamlMap> items = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            items.add(new YamlMap(file, item, resolver, unresolved));
        }
        return items;
    }

    /** Says which placeholder is missing and, for the demo's own settings, that they exist only in the demo. */
    private static String unresolvedReason(IllegalArgumentException e) {
        Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(e.getMessage()));
        if (!placeholder.find()) {
            return e.getMessage();
        }
        String name = placeholder.group(1);
        return "${" + name + "} is not set" + (name.startsWith("gateway.demo.")
                ? " (it exists only in the demo profile, for the simulators; give this system's real value here)"
                : " (set it in the environment or in application.yml)");
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
