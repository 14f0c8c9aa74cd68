package vn.lienthong.gateway.delivery;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.Serializer;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.builder.Input;
import org.xmlunit.diff.Diff;

import vn.lienthong.gateway.catalog.CatalogLoader;
import vn.lienthong.gateway.catalog.ConnectedSystem;
import vn.lienthong.gateway.support.SecureXml;

/**
 * Self-certification (tự kiểm định) of a system's mapping: each case {@code config/systems/<id>/cases/<name>.input.json}
 * is run through the system's mapping by {@link DossierMapping}, the code delivery uses, and compared with
 * {@code <name>.expected.xml} (ignoring comments and insignificant whitespace) or {@code <name>.expected.json} (as
 * a tree). A failure comes with a unified diff of the two, both pretty-printed. Behind {@code --certify}.
 */
public final class SelfCertification {

    /** The message id every case is mapped with (the stylesheet parameter {@code GatewayMessageId}). */
    public static final String CASE_MESSAGE_ID = "00000000-0000-0000-0000-000000000001";

    private static final String INPUT = ".input.json";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT, SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private final DossierMapping mapping;
    private final Processor saxon = new Processor(false);

    public SelfCertification(DossierMapping mapping) {
        this.mapping = mapping;
    }

    /** One case's outcome; {@code diff} says what differs when it failed. */
    public record Verdict(String name, boolean passed, String diff) {
    }

    /** The cases folder of a system: {@code <config>/systems/<id>/cases}. */
    public static Path casesFolder(Path configFolder, String systemId) {
        return configFolder.resolve("systems").resolve(systemId).resolve("cases");
    }

    /** The names of the cases in {@code folder} (each {@code <name>.input.json}), sorted; none if no folder. */
    public static List<String> caseNames(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(INPUT))
                    .map(n -> n.substring(0, n.length() - INPUT.length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs case {@code name} of {@code folder} through {@code stylesheet}; without a stylesheet the system gets the
     * dossier JSON as it is, and that is what the expected file is compared with.
     */
    public Verdict certify(Path folder, String name, Path stylesheet) {
        try {
            String input = Files.readString(folder.resolve(name + INPUT), StandardCharsets.UTF_8);
            Path expectedXml = folder.resolve(name + ".expected.xml");
            Path expectedJson = folder.resolve(name + ".expected.json");
            if (!Files.exists(expectedXml) && !Files.exists(expectedJson)) {
                return new Verdict(name, false, "no " + expectedXml.getFileName() + " or " + expectedJson.getFileName()
                        + " beside " + name + INPUT);
            }
            String actual;
            try {
                actual = stylesheet == null ? input : mapping.map(stylesheet, input, CASE_MESSAGE_ID).body();
            } catch (RuntimeException e) {
                return new Verdict(name, false, "the mapping failed: " + e.getMessage());
            }
            return Files.exists(expectedXml)
                    ? compareXml(name, expectedXml, Files.readString(expectedXml, StandardCharsets.UTF_8), actual)
                    : compareJson(name, expectedJson, Files.readString(expectedJson, StandardCharsets.UTF_8), actual);
        } catch (IOException e) {
            return new Verdict(name, false, "cannot read the case: " + e);
        }
    }

    private Verdict compareXml(String name, Path expectedFile, String expected, String actual) {
        Diff diff;
        try {
            diff = DiffBuilder.compare(Input.fromString(expected)).withTest(Input.fromString(actual))
                    .ignoreComments().ignoreWhitespace().checkForSimilar().build();
        } catch (RuntimeException e) {
            return new Verdict(name, false, "not well-formed XML: " + e.getMessage() + "\nactual:\n" + actual);
        }
        if (!diff.hasDifferences()) {
            return new Verdict(name, true, "");
        }
        return new Verdict(name, false, unifiedDiff(expectedFile, prettyXml(expected), prettyXml(actual)));
    }

    private static Verdict compareJson(String name, Path expectedFile, String expected, String actual) {
        try {
            JsonNode want = JSON.readTree(expected);
            JsonNode got = JSON.readTree(actual);
            if (want.equals(got)) {
                return new Verdict(name, true, "");
            }
            return new Verdict(name, false, unifiedDiff(expectedFile, prettyJson(want), prettyJson(got)));
        } catch (IOException e) {
            return new Verdict(name, false, "not JSON: " + e.getMessage() + "\nactual:\n" + actual);
        }
    }

    private static String unifiedDiff(Path expectedFile, String expected, String actual) {
        List<String> want = expected.lines().toList();
        List<String> got = actual.lines().toList();
        return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(expectedFile.getFileName().toString(),
                "mapping output", want, DiffUtils.diff(want, got), 3));
    }

    /** The XML indented, without comments and whitespace-only text, so that a diff shows only what matters. */
    private String prettyXml(String xml) {
        try {
            Document document = SecureXml.parse(xml.getBytes(StandardCharsets.UTF_8));
            strip(document);
            StringWriter text = new StringWriter();
            Serializer serializer = saxon.newSerializer(text);
            serializer.setOutputProperty(Serializer.Property.INDENT, "yes");
            serializer.setOutputProperty(Serializer.Property.OMIT_XML_DECLARATION, "yes");
            serializer.serializeNode(saxon.newDocumentBuilder().wrap(document));
            return text.toString();
        } catch (SaxonApiException | org.xml.sax.SAXException e) {
            return xml;
        }
    }

    private static void strip(Node node) {
        Node child = node.getFirstChild();
        while (child != null) {
            Node next = child.getNextSibling();
            boolean blank = child.getNodeType() == Node.TEXT_NODE && child.getNodeValue().isBlank();
            if (blank || child.getNodeType() == Node.COMMENT_NODE) {
                node.removeChild(child);
            } else {
                strip(child);
            }
            child = next;
        }
    }

    private static String prettyJson(JsonNode node) throws IOException {
        // Through a map so keys are sorted: the diff shows changed values, not a different key order.
        return JSON.writeValueAsString(JSON.treeToValue(node, Object.class));
    }

    /**
     * {@code --certify <system> [folder]}: runs every case of the system in the configuration folder, prints each
     * verdict ({@code PASS name} or {@code FAIL name} and its diff) and returns the exit status: 0 when every case
     * passes, 1 when one fails, there is none or the system cannot be read.
     */
    public static int main(Path configFolder, String systemId, UnaryOperator<String> resolver, PrintStream out) {
        CatalogLoader.Inspection inspection = new CatalogLoader(configFolder, resolver).inspect();
        Optional<ConnectedSystem> system = inspection.systems().stream().filter(s -> s.id().equals(systemId))
                .findFirst();
        if (system.isEmpty()) {
            inspection.problems().stream().filter(p -> p.contains(systemId)).forEach(out::println);
            out.println(configFolder.resolve("systems").resolve(systemId + ".yml")
                    + ": no readable system '" + systemId + "' (run --check-config " + configFolder + ")");
            return 1;
        }
        Path folder = casesFolder(configFolder, systemId);
        List<String> names = caseNames(folder);
        if (names.isEmpty()) {
            out.println(folder + ": no cases (<name>.input.json with <name>.expected.xml or .expected.json)");
            return 1;
        }
        Path stylesheet = system.get().mapping() == null ? null
                : configFolder.resolve("mappings").resolve(system.get().mapping());
        SelfCertification certification = new SelfCertification(new DossierMapping());
        List<Verdict> failed = new ArrayList<>();
        for (String name : names) {
            Verdict verdict = certification.certify(folder, name, stylesheet);
            out.println((verdict.passed() ? "PASS " : "FAIL ") + name);
            if (!verdict.passed()) {
                out.println(verdict.diff().indent(2).stripTrailing());
                failed.add(verdict);
            }
        }
        out.println(systemId + ": " + (names.size() - failed.size()) + " passed, " + failed.size() + " failed");
        return failed.isEmpty() ? 0 : 1;
    }
}
