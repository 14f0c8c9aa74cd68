package vn.lienthong.gateway.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;
import org.yaml.snakeyaml.Yaml;

/**
 * What the deployment files (image, systemd unit, Kubernetes manifests) must agree with, read from the sources
 * the gateway itself uses: the POM's version, {@code config/application.yml} and {@code config/systems/}.
 */
final class DeploymentFacts {

    /** The probes the platform calls; {@code config/application.yml} enables them (management.endpoint.health.probes). */
    static final String LIVENESS = "/actuator/health/liveness";
    static final String READINESS = "/actuator/health/readiness";

    /** Environment variables of Spring Boot and the JVM that a deployment may set besides the gateway's own. */
    static final Set<String> PLATFORM_VARIABLES = Set.of("SPRING_PROFILES_ACTIVE", "JAVA_TOOL_OPTIONS",
            "GATEWAY_AXIS_ENABLED");

    private static final Path APPLICATION_YML = Path.of("config", "application.yml");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[^}]*)?}");

    private DeploymentFacts() {
    }

    /** {@code project/version} of pom.xml. */
    static String pomVersion() {
        return pom("/project/version");
    }

    /** {@code project/build/finalName} of pom.xml: the jar is {@code target/<finalName>.jar}. */
    static String pomFinalName() {
        return pom("/project/build/finalName");
    }

    /** The uid the image runs as ({@code image.uid} of the pom's image profile). */
    static long imageUid() {
        return Long.parseLong(pom("/project/profiles/profile[id='image']/properties/image.uid"));
    }

    private static String pom(String xpath) {
        try {
            Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
            String value = XPathFactory.newInstance().newXPath().evaluate(xpath, pom).trim();
            if (value.isEmpty()) {
                throw new AssertionError("pom.xml has no " + xpath);
            }
            return value;
        } catch (Exception e) {
            throw new AssertionError("pom.xml cannot be read", e);
        }
    }

    /** {@code server.port} of the first (every-profile) document of config/application.yml. */
    static int serverPort() {
        try {
            Map<String, Object> common = new Yaml().load(Files.readString(APPLICATION_YML).split("\n---", 2)[0]);
            @SuppressWarnings("unchecked")
            Map<String, Object> server = (Map<String, Object>) common.get("server");
            return (Integer) server.get("port");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The environment variables config/application.yml reads in the {@code prod} profile (its common document
     * and the production one, activated for every profile but the demo), each with whether it has a default
     * ({@code ${NAME:default}}).
     */
    static Map<String, Boolean> prodVariables() {
        try {
            Map<String, Boolean> variables = new TreeMap<>();
            for (String document : Files.readString(APPLICATION_YML).split("\n---")) {
                if (document.contains("on-profile:") && !document.contains("on-profile: \"!demo\"")) {
                    continue;
                }
                placeholders(document).forEach(variables::put);
            }
            return variables;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The prod variables without a default: a deployment must set each. */
    static Set<String> requiredProdVariables() {
        Set<String> required = new TreeSet<>();
        prodVariables().forEach((name, hasDefault) -> {
            if (!hasDefault) {
                required.add(name);
            }
        });
        return required;
    }

    /** The variables the connected systems' files read (their API keys), in the repository's config/systems. */
    static Set<String> systemVariables() {
        try (Stream<Path> files = Files.list(Path.of("config", "systems"))) {
            Set<String> variables = new TreeSet<>();
            // The system files only, as the catalog reads them: not the self-certification cases beside them.
            for (Path file : files.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".yml")).toList()) {
                variables.addAll(placeholders(Files.readString(file)).keySet());
            }
            return variables;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every variable a deployment may set: the gateway's own, its systems' keys and the platform's. */
    static Set<String> knownVariables() {
        Set<String> known = new TreeSet<>(prodVariables().keySet());
        known.addAll(systemVariables());
        known.addAll(PLATFORM_VARIABLES);
        return known;
    }

    private static Map<String, Boolean> placeholders(String yaml) {
        Map<String, Boolean> found = new TreeMap<>();
        for (String line : yaml.lines().toList()) {
            if (line.stripLeading().startsWith("#")) {
                continue;
            }
            Matcher matcher = PLACEHOLDER.matcher(line);
            while (matcher.find()) {
                found.merge(matcher.group(1), matcher.group(2) != null, Boolean::logicalAnd);
            }
        }
        return found;
    }
}
