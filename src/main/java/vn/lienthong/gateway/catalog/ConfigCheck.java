package vn.lienthong.gateway.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import vn.lienthong.gateway.support.SecureXml;

/**
 * The configuration check ({@code --check-config [folder]}, and the same at start-up): every system and procedure
 * file against its JSON Schema in {@code schemas/config/}, then every reference resolved — mapping files, WSDLs and
 * their service, port and operation, each system's connector (its kamelet, the parameters it requires), steps
 * naming unknown systems, cycles in {@code after:}, placeholders naming unset environment variables; then
 * {@link ConfigLint}, which keeps the routes and the configuration to approved blocks and steps. Each problem reads
 * {@code file:line: problem}.
 */
public final class ConfigCheck {

    private static final String WSDL_NS = "http://schemas.xmlsoap.org/wsdl/";

    private final Path folder;
    private final Path schemas;
    private final UnaryOperator<String> resolver;
    private final Connectors connectors;
    private final ConfigLint lint;

    /**
     * @param folder   the configuration folder ({@code systems/}, {@code procedures/}, {@code mappings/})
     * @param schemas  the folder of contracts holding {@code config/*.schema.json}
     * @param kamelets the folder of the connectors ({@code routes/kamelets})
     * @param resolver resolves {@code ${...}} placeholders; throws IllegalArgumentException when one cannot be
     */
    public ConfigCheck(Path folder, Path schemas, Path kamelets, UnaryOperator<String> resolver) {
        this.folder = folder;
        this.schemas = schemas;
        this.resolver = resolver;
        this.connectors = new Connectors(kamelets, folder);
        // The routes beside the kamelets, and this folder (mappings, YAML).
        this.lint = new ConfigLint(kamelets.getParent() != null ? kamelets.getParent() : Path.of("."), folder);
    }

    /** What the check found: the catalog reading (systems, procedures) and every problem, in file order. */
    public record Result(CatalogLoader.Inspection inspection, List<String> problems) {
    }

    /** Runs every check; a problem in one file does not stop the others being checked. */
    public Result run() {
        CatalogLoader.Inspection inspection = new CatalogLoader(folder, resolver).inspect();
        Set<String> problems = new LinkedHashSet<>(inspection.problems());
        for (String kind : List.of("systems", "procedures")) {
            JsonSchema schema = schema(kind.equals("systems") ? "system" : "procedure", problems);
            for (Path file : yamlFiles(folder.resolve(kind))) {
                Tree tree = schema == null ? null : Tree.read(file);
                if (tree == null) {
                    continue; // not YAML: the catalog reading reported it with its line
                }
                for (ValidationMessage message : schema.validate(tree.json())) {
                    String pointer = message.getInstanceLocation().toString();
                    if (message.getProperty() != null && "additionalProperties".equals(message.getType())) {
                        pointer = pointer + "/" + message.getProperty();
                    }
                    String where = file + ":" + tree.line(pointer) + ":";
                    // The catalog reading already said what is wrong on that line, in its own words.
                    if (problems.stream().noneMatch(p -> p.startsWith(where))) {
                        problems.add(where + " " + message.getMessage().replaceFirst("^/?([^:]*): ", "$1: ")
                                .replaceFirst("^: ", ""));
                    }
                }
            }
        }
        for (ConnectedSystem system : inspection.systems()) {
            checkConnector(system, problems);
            if (system.soap() != null) {
                checkWsdl(system, problems);
            }
        }
        problems.addAll(lint.problems()); // what IT files may contain
        return new Result(inspection, List.copyOf(problems));
    }

    /**
     * The system's connector must be a kamelet of routes/kamelets, every parameter it requires given by the file
     * (through the one rule of {@link Connectors}), and every key of {@code parameters:} one it declares.
     */
    private void checkConnector(ConnectedSystem system, Set<String> problems) {
        if (system.kind() == SystemKind.NATIONAL_AXIS) {
            return; // served by its own routes in routes/national-axis/
        }
        Tree tree = Tree.read(system.source());
        for (Connectors.Problem problem : connectors.problems(system)) {
            String pointer = problem.pointer();
            if (tree != null && !tree.lines().containsKey(pointer)) {
                pointer = pointer.equals("/connector") ? "/protocol" : pointer.startsWith("/parameters") ? "/parameters"
                        : "";
            }
            problems.add(system.source() + ":" + (tree == null ? 0 : tree.line(pointer)) + ": " + problem.message());
        }
    }

    /** The WSDL must define the service, its port, and the operation on the port's type. */
    private void checkWsdl(ConnectedSystem system, Set<String> problems) {
        SoapBinding soap = system.soap();
        Document wsdl;
        try (InputStream in = Files.newInputStream(Path.of(soap.wsdl()))) {
            wsdl = SecureXml.newBuilder().parse(in);
        } catch (Exception e) {
            problems.add(system.source() + ":" + Tree.lineOf(system.source(), "/soap/wsdl") + ": WSDL '" + soap.wsdl()
                    + "' cannot be read: " + e.getMessage());
            return;
        }
        String targetNamespace = wsdl.getDocumentElement().getAttribute("targetNamespace");
        Element service = named(wsdl, "service", soap.service(), targetNamespace);
        if (service == null) {
            problems.add(system.source() + ":" + Tree.lineOf(system.source(), "/soap/service") + ": WSDL '"
                    + soap.wsdl() + "' has no service " + soap.service());
            return;
        }
        Element port = null;
        NodeList ports = service.getElementsByTagNameNS(WSDL_NS, "port");
        for (int i = 0; i < ports.getLength(); i++) {
            Element candidate = (Element) ports.item(i);
            if (soap.port().equals("{" + targetNamespace + "}" + candidate.getAttribute("name"))) {
                port = candidate;
            }
        }
        if (port == null) {
            problems.add(system.source() + ":" + Tree.lineOf(system.source(), "/soap/port") + ": service "
                    + soap.service() + " in '" + soap.wsdl() + "' has no port " + soap.port());
            return;
        }
        NodeList operations = wsdl.getElementsByTagNameNS(WSDL_NS, "operation");
        for (int i = 0; i < operations.getLength(); i++) {
            Element operation = (Element) operations.item(i);
            if (((Element) operation.getParentNode()).getLocalName().equals("portType")
                    && operation.getAttribute("name").equals(soap.operation())) {
                return;
            }
        }
        problems.add(system.source() + ":" + Tree.lineOf(system.source(), "/soap/operation") + ": WSDL '"
                + soap.wsdl() + "' has no operation '" + soap.operation() + "'");
    }

    private static Element named(Document wsdl, String element, String qname, String targetNamespace) {
        NodeList nodes = wsdl.getElementsByTagNameNS(WSDL_NS, element);
        for (int i = 0; i < nodes.getLength(); i++) {
            Element candidate = (Element) nodes.item(i);
            if (qname.equals("{" + targetNamespace + "}" + candidate.getAttribute("name"))) {
                return candidate;
            }
        }
        return null;
    }

    private JsonSchema schema(String name, Set<String> problems) {
        Path file = schemas.resolve("config").resolve(name + ".schema.json");
        try (InputStream in = Files.newInputStream(file)) {
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException | RuntimeException e) {
            problems.add(file + ":0: the schema cannot be read: " + e.getMessage());
            return null;
        }
    }

    private static List<Path> yamlFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * {@code --check-config [folder]}: prints every problem of the folder (default {@code config}) and returns the
     * exit status, 0 when there is none. Placeholders resolve against {@code resolver} (the environment).
     */
    public static int main(Path folder, UnaryOperator<String> resolver, PrintStream out) {
        Result result = new ConfigCheck(folder, Path.of("schemas"), Path.of("routes", "kamelets"), resolver).run();
        result.problems().forEach(out::println);
        if (result.problems().isEmpty()) {
            out.println(folder + ": OK, " + result.inspection().systems().size() + " systems, "
                    + result.inspection().procedures().size() + " procedures");
            return 0;
        }
        out.println(folder + ": " + result.problems().size() + " problem(s)");
        return 1;
    }

    /** A YAML file as JSON for the schema, with the line of every JSON Pointer in it. */
    record Tree(JsonNode json, Map<String, Integer> lines) {

        static Tree read(Path file) {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(10);
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                Node root = new Yaml(new SafeConstructor(options)).compose(reader);
                if (root == null) {
                    return null;
                }
                Map<String, Integer> lines = new HashMap<>();
                return new Tree(convert(root, "", lines), lines);
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        /** The line of a JSON Pointer in the file, or of its nearest parent that is there. */
        int line(String pointer) {
            String p = pointer;
            while (!lines.containsKey(p) && p.contains("/")) {
                p = p.substring(0, p.lastIndexOf('/'));
            }
            return lines.getOrDefault(p, 1);
        }

        static int lineOf(Path file, String pointer) {
            Tree tree = read(file);
            return tree == null ? 0 : tree.line(pointer);
        }

        private static JsonNode convert(Node node, String pointer, Map<String, Integer> lines) {
            lines.putIfAbsent(pointer, node.getStartMark().getLine() + 1);
            if (node instanceof MappingNode mapping) {
                ObjectNode object = JsonNodeFactory.instance.objectNode();
                for (NodeTuple tuple : mapping.getValue()) {
                    String key = tuple.getKeyNode() instanceof ScalarNode k ? k.getValue() : "?";
                    String child = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
                    lines.put(child, tuple.getKeyNode().getStartMark().getLine() + 1);
                    object.set(key, convert(tuple.getValueNode(), child, lines));
                }
                return object;
            }
            if (node instanceof SequenceNode sequence) {
                ArrayNode array = JsonNodeFactory.instance.arrayNode();
                List<Node> items = new ArrayList<>(sequence.getValue());
                for (int i = 0; i < items.size(); i++) {
                    array.add(convert(items.get(i), pointer + "/" + i, lines));
                }
                return array;
            }
            ScalarNode scalar = (ScalarNode) node;
            String value = scalar.getValue();
            Tag tag = scalar.getTag();
            try {
                if (Tag.INT.equals(tag)) {
                    return JsonNodeFactory.instance.numberNode(new java.math.BigInteger(value.replace("_", "")));
                }
                if (Tag.FLOAT.equals(tag)) {
                    return JsonNodeFactory.instance.numberNode(new java.math.BigDecimal(value.replace("_", "")));
                }
            } catch (NumberFormatException e) {
                return JsonNodeFactory.instance.textNode(value);
            }
            if (Tag.BOOL.equals(tag)) {
                return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(value));
            }
            if (Tag.NULL.equals(tag)) {
                return JsonNodeFactory.instance.nullNode();
            }
            return JsonNodeFactory.instance.textNode(value);
        }
    }
}
