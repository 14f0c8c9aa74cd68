package vn.lienthong.gateway.edxml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The public edXML samples copied into test resources, and small helpers to derive broken variants. */
final class Samples {

    static final List<String> DOCUMENTS = List.of(
            "edoc_new.edxml", "edoc_update.edxml", "edoc_revocation.edxml", "edoc_replacement.edxml");

    private Samples() {
    }

    static Path dir() {
        URL url = Samples.class.getResource("/edxml/samples");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path path(String name) {
        return dir().resolve(name);
    }

    /** Every sample file name, sorted; thirteen of them. */
    static Stream<String> all() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".edxml")).sorted()
                    .toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<String> statuses() {
        return all().filter(n -> n.startsWith("status_"));
    }

    static String text(String name) {
        try {
            return Files.readString(path(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }
}
