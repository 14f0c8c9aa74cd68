package vn.lienthong.gateway.catalog;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * What the files an IT department edits may contain ({@code routes/}, its kamelets, and the mappings and YAML of
 * {@code config/}): the catalog's building blocks and approved steps, never code. A route step must be one of
 * {@link #STEPS}; a bean or processor reference one of the gateway's own {@link #BEANS}; an endpoint one of the
 * {@link #SCHEMES}; an expression in a language of {@link #LANGUAGES}, and a Simple expression may not reach beans,
 * classes, the Camel context, the environment or call methods. A mapping stylesheet may not read or write files or
 * URLs, nor call extension functions. So a configuration change cannot smuggle in code: a Groovy script, an
 * {@code exec:} endpoint, a {@code #class:} bean, a stylesheet that reads {@code /etc/passwd}.
 * Each problem reads {@code file:line: problem}, like the rest of the configuration check.
 */
public final class ConfigLint {

    /** Steps a route, route template or kamelet may use (Camel's YAML DSL names). */
    static final Set<String> STEPS = Set.of("to", "toD", "bean", "log", "setHeader", "setHeaders", "setProperty",
            "setBody", "removeHeader", "removeHeaders", "removeProperty", "removeProperties", "convertBodyTo",
            "choice", "filter", "split", "transacted", "doTry", "throwException", "stop", "marshal", "unmarshal",
            "wireTap", "enrich", "pollEnrich", "multicast", "idempotentConsumer", "process", "kamelet", "transform",
            "validate", "delay", "loop", "aggregate", "rollback", "markRollbackOnly", "onCompletion", "step");

    /**
     * The gateway's own beans a route may call or name ({@code bean: {ref: …}}, {@code process: {ref: …}},
     * {@code #name} in endpoint parameters). A new one is approved here, with the code that provides it.
     */
    static final Set<String> BEANS = Set.of("axisInbox", "axisOutbox", "brokerDeadLetters", "deliveryFailures",
            "deliveryTracker", "dispatcher", "documentOfficeFiles", "dossierMapping", "dossierProgress",
            "dossierRouter", "incomingPackages", "soapTimeouts", "soapRequestFaults", "statusFileFailures",
            "statusXml", "systemControl", "targetCredentials", "trackingEvents", "statusFiles",
            "departmentStatusFiles");

    /** Endpoint schemes a route may send to or consume from. */
    static final Set<String> SCHEMES = Set.of("direct", "jms", "cxf", "kamelet", "file", "sftp", "ftp", "ftps",
            "http", "https", "timer", "scheduler", "log", "xslt", "xslt-saxon", "validator", "master", "seda",
            "platform-http", "rest");

    /** Expression languages: data, not code. */
    static final Set<String> LANGUAGES = Set.of("simple", "constant", "header", "exchangeProperty", "xpath",
            "jsonpath", "tokenize", "xtokenize", "jq");

    /**
     * Mapping keys that are code in any position: scripting languages and class loading. ({@code method}, the bean
     * language, is a call like {@code bean} and held to the same approved beans.)
     */
    private static final Set<String> CODE = Set.of("groovy", "js", "javaScript", "python", "mvel", "ognl", "spel",
            "joor", "java", "datasonnet", "wasm", "script", "beanType");

    /** Simple functions that reach past the message: beans, classes, the context, the environment, files. */
    private static final Pattern SIMPLE_FORBIDDEN = Pattern.compile(
            "\\$\\{\\s*(bean:|type:|ref:|camelContext|exchange\\.context|context\\.|sys\\.|sysenv|env[.:]|function"
                    + "\\(|properties-exist:|messageHistory|routeGroup|camelId)");
    /** A method call inside a Simple expression ({@code ${body.getClass()}}). */
    private static final Pattern SIMPLE_CALL = Pattern.compile("\\$\\{[^}]*\\.\\s*[A-Za-z_$][\\w$]*\\s*\\(");
    /** Values that make Camel or Spring create an object of a named class. */
    private static final Pattern CLASS_VALUE = Pattern.compile("^\\s*#(class|type|bean|new):",
            Pattern.CASE_INSENSITIVE);

    /**
     * Classes a kamelet may create as its own bean ({@code template.beans}): a connection to an agency's own broker.
     */
    static final Set<String> CLASSES = Set.of("vn.lienthong.gateway.delivery.AgencyBrokers",
            "org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory");
    /**
     * Keys of a kamelet's bean definition that name a method or class to run, with the values allowed: the approved
     * classes' factory and close methods only ({@code builderClass}, {@code factoryBean}, {@code initMethod} … none).
     */
    static final Map<String, Set<String>> BEAN_METHODS = Map.of("factoryMethod", Set.of("connectionFactory"),
            "destroyMethod", Set.of("destroy", "close"), "initMethod", Set.of(), "builderClass", Set.of(),
            "builderMethod", Set.of(), "factoryBean", Set.of());
    /** A kamelet's reference to a bean of its own template, named by a parameter: {@code #bean:{{agencyBroker}}}. */
    private static final Pattern KAMELET_BEAN = Pattern.compile("#bean:\\{\\{[A-Za-z][\\w-]*}}");

    /** XPath functions and XSLT instructions that reach files, URLs, the environment or other code. */
    private static final Pattern XSLT_FORBIDDEN = Pattern.compile(
            "(?<![\\w.-])(doc|document|doc-available|unparsed-text|unparsed-text-lines|unparsed-text-available"
                    + "|collection|uri-collection|json-doc|environment-variable|available-environment-variables"
                    + "|transform|load-xquery-module)\\s*\\(|<\\s*[\\w.-]*:?(result-document|evaluate)\\b"
                    + "|http://saxon\\.sf\\.net/|\"java:|'java:");
    /** {@code xsl:include}, {@code xsl:import}, {@code xsl:use-package} and their target. */
    private static final Pattern XSLT_HREF = Pattern.compile(
            "<\\s*[\\w.-]*:?(include|import|import-schema)\\b[^>]*?\\b(href|schema-location)\\s*=\\s*[\"']([^\"']*)");

    private final Path routes;
    private final Path config;

    /**
     * @param routes the routes folder ({@code routes/}, with its {@code kamelets/})
     * @param config the configuration folder ({@code config/})
     */
    public ConfigLint(Path routes, Path config) {
        this.routes = routes;
        this.config = config;
    }

    /** Every problem, in file order; empty when the files hold only approved blocks and steps. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Path file : files(routes, ".yaml", ".yml")) {
            lintYaml(file, true, problems);
        }
        for (Path file : files(config, ".yaml", ".yml")) {
            lintYaml(file, false, problems);
        }
        for (Path file : files(config, ".xsl", ".xslt")) {
            lintStylesheet(file, problems);
        }
        for (Path file : files(config, ".jsonata")) {
            lintTemplate(file, problems);
        }
        return problems;
    }

    private void lintYaml(Path file, boolean route, List<String> problems) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Node root = new Yaml(new SafeConstructor(options)).compose(reader);
            if (root != null) {
                List<String> found = new ArrayList<>();
                walk(file, root, null, route, found);
                String prefix = file + ":";
                found.sort(java.util.Comparator.comparingInt(
                        p -> Integer.parseInt(p.substring(prefix.length(), p.indexOf(':', prefix.length())))));
                problems.addAll(found);
            }
        } catch (IOException | RuntimeException e) {
            // Not YAML: the catalog reading or Camel reports it with its own line; nothing here can run.
        }
    }

    /** Checks {@code node}, the value of {@code key} (null for a list item or the root). */
    private void walk(Path file, Node node, String key, boolean route, List<String> problems) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                String k = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
                Node value = tuple.getValueNode();
                if (route && CODE.contains(k)) {
                    problems.add(at(file, tuple.getKeyNode()) + "'" + k + "' runs code; routes may use only the"
                            + " approved steps and the gateway's own beans");
                    continue;
                }
                if (route && BEAN_METHODS.containsKey(k)) {
                    String named = value instanceof ScalarNode v ? v.getValue().strip() : "";
                    if (!BEAN_METHODS.get(k).contains(named)) {
                        problems.add(at(file, tuple.getKeyNode()) + "'" + k + ": " + named + "' runs code; a kamelet's"
                                + " bean is made by its approved class" + (BEAN_METHODS.get(k).isEmpty() ? ", without '"
                                + k + "'" : ", and '" + k + "' may only be " + String.join(" or ",
                                sorted(BEAN_METHODS.get(k)))));
                        continue;
                    }
                }
                if (route && "steps".equals(k) && value instanceof SequenceNode steps) {
                    for (Node step : steps.getValue()) {
                        checkStep(file, step, problems);
                    }
                }
                if (route && "language".equals(k) && value instanceof MappingNode language) {
                    String name = scalar(language, "language");
                    if (name != null && !LANGUAGES.contains(name)) {
                        problems.add(at(file, value) + "the expression language '" + name + "' is not allowed ("
                                + String.join(", ", sorted(LANGUAGES)) + ")");
                    }
                }
                if (route && Set.of("bean", "process", "method").contains(k) && value instanceof MappingNode call) {
                    checkBean(file, call, k, problems);
                }
                if (route && "uri".equals(k) && value instanceof ScalarNode uri) {
                    checkUri(file, uri, problems);
                }
                walk(file, value, k, route, problems);
            }
        } else if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                walk(file, item, null, route, problems);
            }
        } else if (node instanceof ScalarNode scalar) {
            checkValue(file, scalar, key, route, problems);
        }
    }

    private void checkStep(Path file, Node step, List<String> problems) {
        if (step instanceof MappingNode mapping && mapping.getValue().size() == 1
                && mapping.getValue().get(0).getKeyNode() instanceof ScalarNode name) {
            if (!STEPS.contains(name.getValue()) && !CODE.contains(name.getValue())) {
                problems.add(at(file, name) + "the step '" + name.getValue() + "' is not an approved step ("
                        + String.join(", ", sorted(STEPS)) + ")");
            }
        }
    }

    private void checkBean(Path file, MappingNode call, String step, List<String> problems) {
        String ref = scalar(call, "ref");
        if (ref == null) {
            if (!"process".equals(step)) {
                problems.add(at(file, call) + "a bean step must name the gateway bean it calls with 'ref'");
            }
            return;
        }
        if (!ref.startsWith("{{") && !BEANS.contains(ref.startsWith("#") ? ref.substring(1) : ref)) {
            problems.add(at(file, call) + "'" + ref + "' is not one of the gateway's approved beans ("
                    + String.join(", ", sorted(BEANS)) + ")");
        }
    }

    private void checkUri(Path file, ScalarNode uri, List<String> problems) {
        String value = uri.getValue().strip();
        if (value.startsWith("{{")) {
            return; // a kamelet parameter: the system file gives it, checked against its schema
        }
        int colon = value.indexOf(':');
        String scheme = (colon < 0 ? value : value.substring(0, colon)).toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            problems.add(at(file, uri) + "the endpoint scheme '" + scheme + "' is not allowed ("
                    + String.join(", ", sorted(SCHEMES)) + ")");
        }
    }

    private void checkValue(Path file, ScalarNode scalar, String key, boolean route, List<String> problems) {
        String value = scalar.getValue();
        if (CLASS_VALUE.matcher(value).find() && !approvedObject(value.strip())) {
            problems.add(at(file, scalar) + "'" + value.strip() + "' creates an object of a named class; name one of"
                    + " the gateway's beans instead");
            return;
        }
        if (value.startsWith("#") && route && value.length() > 1 && !value.contains(" ") && !approvedObject(value)
                && !BEANS.contains(value.substring(1)) && key != null && !"description".equals(key)) {
            problems.add(at(file, scalar) + "'" + value + "' refers to a bean that is not one of the gateway's"
                    + " approved beans");
            return;
        }
        // Placeholders of Spring settings are not Simple; what a system or procedure file gives may reach a kamelet's
        // expressions, so it is held to the same rule as a route.
        boolean expression = route || file.getParent() != null && file.getParent().getFileName() != null
                && Set.of("systems", "procedures").contains(file.getParent().getFileName().toString());
        if (expression && value.contains("${")) {
            Matcher forbidden = SIMPLE_FORBIDDEN.matcher(value);
            if (forbidden.find()) {
                problems.add(at(file, scalar) + "the expression '" + excerpt(value, forbidden.start()) + "' reaches"
                        + " beyond the message (beans, classes, the Camel context or the environment)");
            } else if (SIMPLE_CALL.matcher(value).find()) {
                problems.add(at(file, scalar) + "the expression '" + value.strip() + "' calls a method; expressions"
                        + " may only read the message, its headers and properties");
            }
        }
    }

    /** {@code #class:} of an approved class, {@code #bean:} of a gateway bean or of the kamelet's own bean. */
    private static boolean approvedObject(String value) {
        if (value.startsWith("#class:")) {
            return CLASSES.contains(value.substring("#class:".length()));
        }
        if (value.startsWith("#bean:")) {
            return BEANS.contains(value.substring("#bean:".length())) || KAMELET_BEAN.matcher(value).matches();
        }
        return false;
    }

    private void lintStylesheet(Path file, List<String> problems) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return; // unreadable: the mapping check reports it
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher forbidden = XSLT_FORBIDDEN.matcher(line);
            while (forbidden.find()) {
                problems.add(file + ":" + (i + 1) + ": '" + forbidden.group().strip() + "' reads or writes outside"
                        + " the dossier (files, URLs, the environment, extension code); a mapping may only"
                        + " transform its input");
            }
            Matcher href = XSLT_HREF.matcher(line);
            while (href.find()) {
                String target = href.group(3);
                if (target.contains(":") || target.startsWith("/") || target.startsWith("\\")
                        || Path.of(target).normalize().startsWith("..")) {
                    problems.add(file + ":" + (i + 1) + ": '" + target + "' is outside the configuration folder;"
                            + " a mapping may include only files beside it");
                }
            }
        }
    }

    /** A JSON template is JSONata, which has no access outside its input; it must parse. */
    private static void lintTemplate(Path file, List<String> problems) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            try {
                com.dashjoin.jsonata.Jsonata.jsonata(text);
            } catch (com.dashjoin.jsonata.JException e) {
                int at = Math.max(0, Math.min(e.getLocation(), text.length()));
                int line = (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
                problems.add(file + ":" + line + ": not a valid JSON template (JSONata): " + e.getMessage());
            }
        } catch (IOException e) {
            problems.add(file + ":1: cannot be read: " + e.getMessage());
        }
    }

    private static String scalar(MappingNode mapping, String key) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && key.equals(k.getValue())
                    && tuple.getValueNode() instanceof ScalarNode v) {
                return v.getValue();
            }
        }
        return null;
    }

    private static String at(Path file, Node node) {
        return file + ":" + (node.getStartMark().getLine() + 1) + ": ";
    }

    private static String excerpt(String value, int from) {
        int end = value.indexOf('}', from);
        return value.substring(from, end < 0 ? value.length() : end + 1);
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    private static List<Path> files(Path folder, String... endings) {
        if (folder == null || !Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> Stream.of(endings).anyMatch(e -> p.getFileName().toString().endsWith(e)))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
