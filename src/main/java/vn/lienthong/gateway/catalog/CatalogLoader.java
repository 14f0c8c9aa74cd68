package vn.lienthong.gateway.catalog;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.boot.convert.DurationStyle;

/** Reads and checks {@code systems/*.yml} and {@code procedures/*.yml}; every problem names its file and line. */
public final class CatalogLoader {

    private static final Pattern SYSTEM_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern PROCEDURE_CODE = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.\\-_]{0,49}");
    private static final Set<String> SYSTEM_KEYS = Set.of("id", "name", "kind", "agencyCode", "protocol", "endpoint",
            "statusFolder", "apiKey", "nextApiKey", "clientCertificateSha256", "mapping", "soap", "delivery", "auth",
            "connector", "parameters");
    private static final Pattern CONNECTOR = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Set<String> DELIVERY_KEYS = Set.of("maxAttempts", "initialDelay", "multiplier", "maxDelay",
            "timeout");
    private static final Set<String> SOAP_KEYS = Set.of("wsdl", "service", "port", "operation");
    private static final Set<String> PROCEDURE_KEYS = Set.of("code", "name", "processingDays", "processingHours",
            "supplementClock", "agencyCode", "steps");
    private static final Set<String> STEP_KEYS = Set.of("system", "after", "days", "hours");

    private final Path directory;
    private final UnaryOperator<String> resolver;

    /**
     * @param directory the configuration folder holding {@code systems/}, {@code procedures/} and {@code mappings/}
     * @param resolver  resolves {@code ${...}} placeholders; throws IllegalArgumentException when one cannot be
     */
    public CatalogLoader(Path directory, UnaryOperator<String> resolver) {
        this.directory = directory;
        this.resolver = resolver;
    }

    /**
     * What reading the folder found: the systems and procedures that could be read, and every problem, each as
     * {@code file:line: problem}. A bad file does not stop the others being checked.
     */
    public record Inspection(List<ConnectedSystem> systems, List<Procedure> procedures, List<String> problems) {

        /** The catalog, when there is no problem; otherwise every problem at once. */
        public Catalog catalog() {
            if (!problems.isEmpty()) {
                throw new CatalogException(problems);
            }
            Map<String, ConnectedSystem> bySystem = new LinkedHashMap<>();
            systems.forEach(s -> bySystem.put(s.id(), s));
            Map<String, Procedure> byCode = new LinkedHashMap<>();
            procedures.forEach(p -> byCode.put(p.code(), p));
            return new Catalog(bySystem, byCode);
        }
    }

    /** Loads and cross-checks everything; throws with every problem found. */
    public Catalog load() {
        return inspect().catalog();
    }

    /** Reads and cross-checks every file, collecting problems instead of stopping at the first. */
    public Inspection inspect() {
        List<String> problems = new ArrayList<>();
        Consumer<CatalogException> unresolved = e -> problems.add(e.getMessage());
        Map<String, ConnectedSystem> systems = new LinkedHashMap<>();
        Set<String> unreadable = new HashSet<>();
        for (Path file : yamlFiles(directory.resolve("systems"), problems)) {
            try {
                ConnectedSystem system = readSystem(file, unresolved);
                ConnectedSystem clash = systems.put(system.id(), system);
                if (clash != null) {
                    throw new CatalogException(file, 0, "system id '" + system.id() + "' is also defined in "
                            + clash.source());
                }
            } catch (CatalogException e) {
                problems.addAll(e.problems());
                unreadable.add(baseName(file));
            }
        }
        List<ConnectedSystem> keyed = new ArrayList<>();
        for (ConnectedSystem system : systems.values()) {
            for (ConnectedSystem other : keyed) {
                if (other.apiKeys().overlaps(system.apiKeys())) {
                    problems.add(new CatalogException(system.source(), 0, "apiKey is the same as the one in "
                            + other.source() + "; every system needs its own key").getMessage());
                }
            }
            keyed.add(system);
        }
        List<Procedure> procedures = new ArrayList<>();
        for (Path file : yamlFiles(directory.resolve("procedures"), problems)) {
            try {
                procedures.add(readProcedure(file, systems, unreadable, unresolved));
            } catch (CatalogException e) {
                problems.addAll(e.problems());
            }
        }
        return new Inspection(List.copyOf(systems.values()), List.copyOf(procedures), List.copyOf(problems));
    }

    private ConnectedSystem readSystem(Path file, Consumer<CatalogException> unresolved) {
        YamlMap yaml = YamlMap.read(file, resolver, unresolved);
        yaml.onlyKeys(SYSTEM_KEYS);
        String id = yaml.requiredString("id");
        if (!SYSTEM_ID.matcher(id).matches()) {
            throw yaml.error("id", "id '" + id + "' must be lower-case letters, digits and dashes");
        }
        String expected = baseName(file);
        if (!id.equals(expected)) {
            throw yaml.error("id", "id '" + id + "' must match the file name '" + expected + ".yml'");
        }
        SystemKind kind = enumValue(yaml, "kind", SystemKind.values(), SystemKind::configName);
        Protocol protocol = enumValue(yaml, "protocol", Protocol.values(), Protocol::configName);
        String endpoint = yaml.requiredString("endpoint");
        String apiKey = yaml.requiredString("apiKey");
        if (apiKey.length() < 12) {
            throw yaml.error("apiKey", "apiKey must be at least 12 characters long");
        }
        String nextApiKey = yaml.optionalString("nextApiKey");
        if (nextApiKey != null && nextApiKey.length() < 12) {
            throw yaml.error("nextApiKey", "nextApiKey must be at least 12 characters long");
        }
        String certificate = yaml.optionalString("clientCertificateSha256");
        if (certificate != null && !certificate.replace(":", "").matches("[0-9A-Fa-f]{64}")) {
            throw yaml.error("clientCertificateSha256", "clientCertificateSha256 must be the certificate's SHA-256"
                    + " fingerprint, 64 hex digits (colons allowed)");
        }
        ApiKeys apiKeys = ApiKeys.of(apiKey, nextApiKey, certificate);
        String statusFolder = yaml.optionalString("statusFolder");
        if (protocol == Protocol.FILE && kind == SystemKind.DEPARTMENT && statusFolder == null) {
            throw yaml.error("protocol", "a file department needs 'statusFolder', where it leaves its result files");
        }
        if (protocol == Protocol.FILE && kind == SystemKind.DOCUMENT_OFFICE && statusFolder == null) {
            throw yaml.error("protocol", "a file document office needs 'statusFolder', where it leaves its status"
                    + " files (schemas/xsd/document-status.xsd)");
        }
        String mapping = yaml.optionalString("mapping");
        if (mapping != null && !Files.isRegularFile(directory.resolve("mappings").resolve(mapping))) {
            throw yaml.error("mapping", "mapping '" + mapping + "' does not exist in " + directory.resolve("mappings"));
        }
        // A document office over files gets the edXML packages as they are (QCVN 102:2016), so no XSLT.
        if (protocol == Protocol.FILE && kind == SystemKind.DOCUMENT_OFFICE && mapping != null) {
            throw yaml.error("mapping", "a file document office gets the edXML packages as they are; remove"
                    + " 'mapping'");
        }
        if (protocol == Protocol.FILE && kind != SystemKind.DOCUMENT_OFFICE && mapping == null) {
            throw yaml.error("protocol", "a file system needs a 'mapping' (XSLT) that writes its XML files (only a"
                    + " document office, which gets edXML packages as they are, goes without)");
        }
        SoapBinding soap = null;
        YamlMap soapYaml = yaml.optionalMap("soap");
        if (protocol == Protocol.SOAP) {
            if (soapYaml == null) {
                throw yaml.error("protocol", "a soap system needs a 'soap' block (wsdl, service, port, operation)");
            }
            if (mapping == null) {
                throw yaml.error("protocol", "a soap system needs a 'mapping' (XSLT) that builds its request");
            }
            soapYaml.onlyKeys(SOAP_KEYS);
            soap = new SoapBinding(soapYaml.requiredString("wsdl"), qname(soapYaml, "service"),
                    qname(soapYaml, "port"), soapYaml.requiredString("operation"));
            if (!Files.isRegularFile(Path.of(soap.wsdl()))) {
                throw soapYaml.error("wsdl", "WSDL '" + soap.wsdl() + "' does not exist");
            }
        }
        if (protocol == Protocol.SFTP) {
            checkSftpFolder(yaml, "endpoint", endpoint);
            if (statusFolder != null) {
                checkSftpFolder(yaml, "statusFolder", statusFolder);
            }
        }
        DeliveryPolicy delivery = readDelivery(yaml.optionalMap("delivery"));
        TargetAuth auth = readAuth(yaml.optionalMap("auth"), protocol);
        String connector = yaml.optionalString("connector");
        if (connector != null && !CONNECTOR.matcher(connector).matches()) {
            throw yaml.error("connector", "connector '" + connector + "' must be a kamelet name without -sink:"
                    + " lower-case letters, digits and dashes");
        }
        return new ConnectedSystem(id, yaml.requiredString("name"), kind, yaml.optionalString("agencyCode"), protocol,
                endpoint, statusFolder, apiKeys, mapping, soap, delivery, file, auth, connector,
                readParameters(yaml.optionalMap("parameters")));
    }

    /** An SFTP folder is written as CONTRACT §8 has it: sftp://host:port/folder. */
    private static void checkSftpFolder(YamlMap yaml, String key, String value) {
        if (!value.matches("sftp://[^/:@?]+(:\\d+)?/[^?]*")) {
            throw yaml.error(key, "an sftp system's '" + key + "' is sftp://host:port/folder (no user, password or"
                    + " options: those go in auth: and parameters:), not '" + value + "'");
        }
    }

    /**
     * The connector's own parameters ({@code parameters:}), each a single value; a secret among them belongs in
     * {@code auth:}, where it is checked to come from the environment.
     */
    private static Map<String, String> readParameters(YamlMap yaml) {
        if (yaml == null) {
            return Map.of();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String key : yaml.keys()) {
            if (!key.matches("[A-Za-z][A-Za-z0-9]*")) {
                throw yaml.error(key, "parameter '" + key + "' must be a kamelet parameter name (letters and digits)");
            }
            parameters.put(key, yaml.requiredString(key));
        }
        return parameters;
    }

    /**
     * The credentials presented to the system: a type the protocol can carry, its required keys, and secrets
     * written as {@code ${VARIABLE}} so that they come from the environment or a mounted file, never from the file.
     */
    private TargetAuth readAuth(YamlMap yaml, Protocol protocol) {
        if (yaml == null) {
            return TargetAuth.NONE;
        }
        TargetAuth.Type type = enumValue(yaml, "type", TargetAuth.Type.values(), TargetAuth.Type::configName);
        Set<String> allowed = new java.util.TreeSet<>(type.keys().keySet());
        allowed.add("type");
        yaml.onlyKeys(allowed);
        if (!protocol.accepts(type)) {
            throw yaml.error("type", "auth type '" + type.configName() + "' cannot be used with protocol '"
                    + protocol.configName() + "'");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (Map.Entry<String, TargetAuth.Key> key : type.keys().entrySet()) {
            String value = key.getValue().required() ? yaml.requiredString(key.getKey())
                    : yaml.optionalString(key.getKey());
            if (value == null) {
                continue;
            }
            String raw = yaml.raw(key.getKey());
            if (key.getValue().secret() && (raw == null || !raw.contains("${"))) {
                throw yaml.error(key.getKey(), "'" + key.getKey() + "' is a secret: write it as \"${VARIABLE}\" and"
                        + " set the variable in the environment (or mount it as a file with configtree:), never in"
                        + " the file");
            }
            settings.put(key.getKey(), value);
        }
        if (type == TargetAuth.Type.CLIENT_CERTIFICATE || type == TargetAuth.Type.SSH_KEY) {
            String store = settings.get(type == TargetAuth.Type.SSH_KEY ? "privateKey" : "keyStore");
            if (!Files.isRegularFile(Path.of(store))) {
                throw yaml.error(type == TargetAuth.Type.SSH_KEY ? "privateKey" : "keyStore",
                        "'" + store + "' does not exist");
            }
        }
        String passwordType = settings.get("passwordType");
        if (passwordType != null && !passwordType.equals("text") && !passwordType.equals("digest")) {
            throw yaml.error("passwordType", "passwordType is 'text' (the default) or 'digest', not '"
                    + passwordType + "'");
        }
        return new TargetAuth(type, settings);
    }

    private static String qname(YamlMap yaml, String key) {
        String value = yaml.requiredString(key);
        if (!value.matches("\\{[^}]+}[A-Za-z_][\\w.-]*")) {
            throw yaml.error(key, "'" + key + "' must be a QName written as {namespace}LocalName");
        }
        return value;
    }

    private static DeliveryPolicy readDelivery(YamlMap yaml) {
        if (yaml == null) {
            return DeliveryPolicy.DEFAULT;
        }
        yaml.onlyKeys(DELIVERY_KEYS);
        DeliveryPolicy d = DeliveryPolicy.DEFAULT;
        Integer maxAttempts = yaml.optionalInt("maxAttempts");
        if (maxAttempts != null && (maxAttempts < 1 || maxAttempts > 100)) {
            throw yaml.error("maxAttempts", "maxAttempts must be between 1 and 100");
        }
        double multiplier = d.multiplier();
        String m = yaml.optionalString("multiplier");
        if (m != null) {
            try {
                multiplier = Double.parseDouble(m);
            } catch (NumberFormatException e) {
                throw yaml.error("multiplier", "multiplier must be a number, not '" + m + "'");
            }
            if (multiplier < 1.0 || multiplier > 10.0) {
                throw yaml.error("multiplier", "multiplier must be between 1 and 10");
            }
        }
        return new DeliveryPolicy(maxAttempts == null ? d.maxAttempts() : maxAttempts,
                duration(yaml, "initialDelay", d.initialDelay()), multiplier,
                duration(yaml, "maxDelay", d.maxDelay()), duration(yaml, "timeout", d.timeout()));
    }

    private static Duration duration(YamlMap yaml, String key, Duration fallback) {
        String value = yaml.optionalString(key);
        if (value == null) {
            return fallback;
        }
        try {
            Duration parsed = DurationStyle.detectAndParse(value);
            if (parsed.isNegative() || parsed.isZero()) {
                throw yaml.error(key, "'" + key + "' must be positive");
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw yaml.error(key, "'" + key + "' must be a duration such as 500ms, 10s or 5m, not '" + value + "'");
        }
    }

    /** Reads one procedure; a step naming a system whose own file has problems is not reported again. */
    private Procedure readProcedure(Path file, Map<String, ConnectedSystem> systems, Set<String> unreadable,
                                    Consumer<CatalogException> unresolved) {
        YamlMap yaml = YamlMap.read(file, resolver, unresolved);
        yaml.onlyKeys(PROCEDURE_KEYS);
        String code = yaml.requiredString("code");
        if (!PROCEDURE_CODE.matcher(code).matches()) {
            throw yaml.error("code", "code '" + code + "' is not a procedure code");
        }
        if (!code.equals(baseName(file))) {
            throw yaml.error("code", "code '" + code + "' must match the file name '" + baseName(file) + ".yml'"
                    + " (write the code in quotes so YAML keeps it as text)");
        }
        WorkDuration processingTime = workDuration(yaml, "processingDays", "processingHours");
        if (processingTime == null) {
            throw yaml.error("processingDays", "processingDays (working days, e.g. 15 or 2.5) or processingHours"
                    + " (office hours) is required");
        }
        SupplementClock supplementClock = yaml.has("supplementClock") ? enumValue(yaml, "supplementClock",
                SupplementClock.values(), SupplementClock::configName) : SupplementClock.PAUSE;
        List<Procedure.Step> steps = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (YamlMap stepYaml : yaml.requiredList("steps")) {
            stepYaml.onlyKeys(STEP_KEYS);
            String system = stepYaml.requiredString("system");
            ConnectedSystem target = systems.get(system);
            if (target == null && !unreadable.contains(system)) {
                throw stepYaml.error("system", "step system '" + system + "' is not defined in systems/");
            }
            if (target != null && target.kind() != SystemKind.DEPARTMENT) {
                throw stepYaml.error("system", "step system '" + system + "' is a " + target.kind().configName()
                        + ", not a department");
            }
            if (!seen.add(system)) {
                throw stepYaml.error("system", "system '" + system + "' appears twice in this procedure");
            }
            steps.add(new Procedure.Step(system, stepYaml.optionalString("after"),
                    workDuration(stepYaml, "days", "hours")));
        }
        if (steps.isEmpty()) {
            throw yaml.error("steps", "a procedure needs at least one step");
        }
        List<YamlMap> stepYamls = yaml.requiredList("steps");
        for (int i = 0; i < steps.size(); i++) {
            Procedure.Step step = steps.get(i);
            if (step.after() != null && !seen.contains(step.after())) {
                throw stepYamls.get(i).error("after", "after: '" + step.after() + "' is not a step of this procedure");
            }
            if (step.system().equals(step.after())) {
                throw stepYamls.get(i).error("after", "a step cannot wait for itself");
            }
        }
        checkNoCycle(yaml, steps);
        return new Procedure(code, yaml.requiredString("name"), processingTime, supplementClock, List.copyOf(steps),
                file);
    }

    /**
     * A processing time given either in working days ({@code daysKey}, half days and other decimals allowed) or in
     * office hours ({@code hoursKey}); null when neither is given.
     */
    private static WorkDuration workDuration(YamlMap yaml, String daysKey, String hoursKey) {
        if (yaml.has(daysKey) && yaml.has(hoursKey)) {
            throw yaml.error(hoursKey, "give either '" + daysKey + "' or '" + hoursKey + "', not both");
        }
        String key = yaml.has(daysKey) ? daysKey : hoursKey;
        String value = yaml.optionalString(key);
        if (value == null) {
            return null;
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw yaml.error(key, "'" + key + "' must be a number such as 3, 2.5 or 0.5, not '" + value + "'");
        }
        if (amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2) {
            throw yaml.error(key, "'" + key + "' must be positive with at most two decimals, not '" + value + "'");
        }
        return key.equals(daysKey) ? new WorkDuration(amount, WorkDuration.Unit.DAYS)
                : new WorkDuration(amount, WorkDuration.Unit.HOURS);
    }

    private static void checkNoCycle(YamlMap yaml, List<Procedure.Step> steps) {
        Map<String, String> after = new HashMap<>();
        steps.forEach(s -> after.put(s.system(), s.after()));
        for (Procedure.Step step : steps) {
            Set<String> visited = new HashSet<>();
            String current = step.system();
            while (current != null) {
                if (!visited.add(current)) {
                    throw yaml.error("steps", "the steps wait for each other in a circle through '" + current
                            + "'; at least one step must start without 'after'");
                }
                current = after.get(current);
            }
        }
    }

    private static <E extends Enum<E>> E enumValue(YamlMap yaml, String key, E[] values,
                                                   java.util.function.Function<E, String> name) {
        String value = yaml.requiredString(key);
        for (E e : values) {
            if (name.apply(e).equals(value.toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        List<String> allowed = Stream.of(values).map(name).toList();
        throw yaml.error(key, "'" + key + "' is '" + value + "'; expected one of " + allowed);
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    private static List<Path> yamlFiles(Path folder, List<String> problems) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                    .sorted().toList();
        } catch (IOException e) {
            problems.add(folder + ": cannot be listed: " + e.getMessage());
            return List.of();
        }
    }
}
