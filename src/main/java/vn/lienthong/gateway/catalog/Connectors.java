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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The one rule that turns a system file into its connector's endpoint URIs, with no per-protocol code: the
 * system's connector names the kamelets {@code <connector>-sink} (delivery) and {@code <connector>-source}
 * (statuses coming back; a variant without its own reads them with its protocol's, {@code <protocol>-source}) in
 * {@code routes/kamelets/}; each gets, of the values below, exactly the parameters its
 * {@code spec.definition.properties} declares:
 * <ul>
 *   <li>from the system file: {@code systemId}, {@code endpoint}, {@code statusFolder}, {@code agencyCode},
 *       {@code mapping} (as {@code file:} resource), {@code timeoutMillis} ({@code delivery.timeout}),
 *       {@code wsdl} (as {@code file:} resource), {@code service}, {@code port}, {@code operation};</li>
 *   <li>from {@code auth:}: its keys as written ({@code username}, {@code password}, {@code privateKey}, …), and
 *       {@code sslContextParameters} ({@code #tls-<id>}) for a client certificate;</li>
 *   <li>the file's {@code parameters:}, which come last and so may set anything else the kamelet declares.</li>
 * </ul>
 * The configuration check uses the same rule to report a missing kamelet, a required parameter no value fills,
 * and a {@code parameters:} key the kamelet does not declare.
 */
public final class Connectors {

    private final Path kamelets;
    private final Path configFolder;
    private final Map<String, Optional<Kamelet>> definitions = new ConcurrentHashMap<>();

    /**
     * @param kamelets     the folder of the connectors' kamelets ({@code routes/kamelets})
     * @param configFolder the configuration folder, whose {@code mappings/} the systems' mappings are in
     */
    public Connectors(Path kamelets, Path configFolder) {
        this.kamelets = kamelets;
        this.configFolder = configFolder;
    }

    /**
     * The folder Camel loads kamelets from: the first {@code file:} location of
     * {@code camel.component.kamelet.location} (a comma-separated list of resources).
     */
    public static Path kameletFolder(String locations) {
        String location = java.util.Arrays.stream((locations == null ? "file:routes/kamelets" : locations).split(","))
                .map(String::trim).filter(l -> l.startsWith("file:")).findFirst().orElse("file:routes/kamelets");
        return Path.of(location.substring("file:".length()));
    }

    /**
     * A kamelet's declared parameters: each one's default (null for none), the required ones, and the secret ones
     * ({@code format: password}).
     */
    public record Kamelet(String name, Path file, Map<String, String> properties, List<String> required,
                          List<String> secrets) {
    }

    /** The kamelet's file in the connectors' folder. */
    public Path file(String kamelet) {
        return kamelets.resolve(kamelet + ".kamelet.yaml");
    }

    /** The kamelet's definition, or empty when there is no such file (or it cannot be read). */
    public Optional<Kamelet> kamelet(String name) {
        return definitions.computeIfAbsent(name, n -> read(n, file(n)));
    }

    /** The delivery kamelet, {@code <connector>-sink}. */
    public static String sinkName(ConnectedSystem system) {
        return system.connector() + "-sink";
    }

    /**
     * The status kamelet of a system with a {@code statusFolder}: {@code <connector>-source}, or, for a variant
     * without one of its own (a document office's {@code document-file}), its protocol's ({@code file-source}).
     */
    public Optional<Kamelet> source(ConnectedSystem system) {
        if (system.statusFolder() == null) {
            return Optional.empty();
        }
        return kamelet(system.connector() + "-source").or(() -> kamelet(system.protocol().configName() + "-source"));
    }

    /** {@code kamelet:<connector>-sink?…}: where the system's delivery route sends each message. */
    public String sinkUri(ConnectedSystem system) {
        String name = sinkName(system);
        Kamelet kamelet = kamelet(name).orElseThrow(() -> new CatalogException(system.source(), 0,
                "connector '" + system.connector() + "' needs the kamelet " + file(name) + ", which does not exist"));
        return uri(kamelet, parameters(system, kamelet));
    }

    /**
     * {@code kamelet:<connector>-source?…} (see {@link #source}) for a system with a status folder; empty when it
     * has none, or no source kamelet reads it.
     */
    public Optional<String> sourceUri(ConnectedSystem system) {
        return source(system).map(kamelet -> uri(kamelet, parameters(system, kamelet)));
    }

    /** The values the system gives the kamelet: only the declared ones, in the kamelet's order. */
    public Map<String, String> parameters(ConnectedSystem system, Kamelet kamelet) {
        Map<String, String> offered = offered(system);
        Map<String, String> given = new LinkedHashMap<>();
        for (String property : kamelet.properties().keySet()) {
            if (offered.get(property) != null) {
                given.put(property, offered.get(property));
            }
        }
        return given;
    }

    /**
     * What is wrong with the system's connector, each as {@code problem} text for the system file's line of
     * {@code connector:} (or {@code protocol:}): a missing sink kamelet, a required parameter nothing gives, a
     * {@code parameters:} key the kamelet does not take, a status folder no source kamelet reads.
     */
    public List<Problem> problems(ConnectedSystem system) {
        List<Problem> problems = new ArrayList<>();
        // The check reports it on the line of connector:, or of protocol: for a file that names no connector.
        String where = "/connector";
        Optional<Kamelet> sink = kamelet(sinkName(system));
        if (sink.isEmpty()) {
            problems.add(new Problem(where, connectorKey(system) + " '" + connectorValue(system)
                    + "' needs the kamelet " + file(sinkName(system)) + ", which does not exist"));
            return problems;
        }
        List<Kamelet> used = new ArrayList<>(List.of(sink.get()));
        Optional<Kamelet> source = source(system);
        source.ifPresent(used::add);
        if (system.statusFolder() != null && source.isEmpty()) {
            problems.add(new Problem("/statusFolder", "statusFolder is given, but nothing would read it: there is"
                    + " no kamelet " + file(system.connector() + "-source")
                    + (system.connector().equals(system.protocol().configName()) ? ""
                    : " nor " + file(system.protocol().configName() + "-source"))));
        }
        for (Kamelet kamelet : used) {
            Map<String, String> given = parameters(system, kamelet);
            for (String required : kamelet.required()) {
                if (!given.containsKey(required) && kamelet.properties().get(required) == null) {
                    problems.add(new Problem(where, "the kamelet " + kamelet.name() + " needs '" + required
                            + "', which this file does not give (" + hint(required) + ")"));
                }
            }
        }
        for (String key : system.parameters().keySet()) {
            if (used.stream().anyMatch(k -> k.secrets().contains(key))) {
                // parameters: is read as written; secrets come only from the environment or a file, through auth:.
                problems.add(new Problem("/parameters/" + key, "'" + key + "' is a secret: give it in auth: as"
                        + " \"${VARIABLE}\", never in parameters:"));
            } else if (used.stream().noneMatch(k -> k.properties().containsKey(key))) {
                problems.add(new Problem("/parameters/" + key, "parameter '" + key + "' is not a parameter of "
                        + used.stream().map(Kamelet::name).toList() + " (it takes "
                        + used.stream().flatMap(k -> k.properties().keySet().stream()).distinct().toList() + ")"));
            }
        }
        return problems;
    }

    /** A problem with a system's connector, at a JSON Pointer of its file. */
    public record Problem(String pointer, String message) {
    }

    private static String connectorKey(ConnectedSystem system) {
        return system.connector().equals(ConnectedSystem.defaultConnector(system.kind(), system.protocol()))
                ? "protocol" : "connector";
    }

    private static String connectorValue(ConnectedSystem system) {
        return connectorKey(system).equals("protocol") ? system.protocol().configName() : system.connector();
    }

    private static String hint(String parameter) {
        return switch (parameter) {
            case "username", "password", "privateKey", "passphrase", "token" -> "give it in auth:";
            case "mapping" -> "name an XSLT of mappings/ in mapping:";
            case "statusFolder" -> "give statusFolder:";
            default -> "give it under parameters:";
        };
    }

    /** Every value a system file offers a connector, by parameter name. */
    private Map<String, String> offered(ConnectedSystem system) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("systemId", system.id());
        values.put("endpoint", system.endpoint());
        values.put("statusFolder", system.statusFolder());
        values.put("agencyCode", system.agencyCode());
        if (system.mapping() != null) {
            values.put("mapping", "file:" + configFolder.resolve("mappings").resolve(system.mapping())
                    .toAbsolutePath());
        }
        values.put("timeoutMillis", String.valueOf(system.delivery().timeout().toMillis()));
        if (system.soap() != null) {
            values.put("wsdl", "file:" + Path.of(system.soap().wsdl()).toAbsolutePath());
            values.put("service", system.soap().service());
            values.put("port", system.soap().port());
            values.put("operation", system.soap().operation());
        }
        values.putAll(system.auth().settings());
        if (system.auth().type() == TargetAuth.Type.CLIENT_CERTIFICATE) {
            values.put("sslContextParameters", "#tls-" + system.id());
        }
        values.putAll(system.parameters());
        return values;
    }

    /** {@code kamelet:<name>?a=b&c=RAW(…)}; values that are not plain words are passed RAW, as written. */
    private static String uri(Kamelet kamelet, Map<String, String> parameters) {
        StringBuilder uri = new StringBuilder("kamelet:").append(kamelet.name());
        char separator = '?';
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            String value = p.getValue();
            uri.append(separator).append(p.getKey()).append('=');
            if (value.matches("[A-Za-z0-9._-]+")) {
                uri.append(value);
            } else {
                // RAW(…) ends at the first ')'; RAW{…} takes a value holding one.
                uri.append(value.contains(")") ? "RAW{" + value + "}" : "RAW(" + value + ")");
            }
            separator = '&';
        }
        return uri.toString();
    }

    @SuppressWarnings("unchecked")
    private static Optional<Kamelet> read(String name, Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object root = new Yaml(new SafeConstructor(options)).load(reader);
            Map<String, Object> spec = (Map<String, Object>) ((Map<String, Object>) root).get("spec");
            Map<String, Object> definition = (Map<String, Object>) spec.get("definition");
            Map<String, Object> declared = (Map<String, Object>) definition.getOrDefault("properties", Map.of());
            Map<String, String> properties = new LinkedHashMap<>();
            List<String> secrets = new ArrayList<>();
            declared.forEach((key, value) -> {
                Object fallback = value instanceof Map<?, ?> m ? m.get("default") : null;
                properties.put(key, fallback == null ? null : String.valueOf(fallback));
                if (value instanceof Map<?, ?> m && "password".equals(m.get("format"))) {
                    secrets.add(key);
                }
            });
            List<String> required = ((List<Object>) definition.getOrDefault("required", List.of())).stream()
                    .map(String::valueOf).toList();
            return Optional.of(new Kamelet(name, file, properties, required, List.copyOf(secrets)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
