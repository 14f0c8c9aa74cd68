package vn.lienthong.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.tracking.EventType;
import vn.lienthong.gateway.tracking.MessageProjection;

/** Every text of the console exists in Vietnamese and in English, and every state and error has its name in both. */
class ConsoleTextsTest {

    private static final Path RESOURCES = Path.of("src", "main", "resources");

    @Test
    void bothLanguagesHaveTheSameTextsAndNoneIsEmpty() throws IOException {
        Properties vi = load("messages_vi.properties");
        Properties en = load("messages_en.properties");
        assertThat(vi.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
        assertThat(vi.values()).noneMatch(v -> v.toString().isBlank());
        assertThat(en.values()).noneMatch(v -> v.toString().isBlank());
        assertThat(load("messages.properties")).as("the base bundle stays empty").isEmpty();
    }

    @Test
    void everyTextATemplateAsksForExists() throws IOException {
        Properties vi = load("messages_vi.properties");
        Set<String> missing = new TreeSet<>();
        Pattern key = Pattern.compile("#\\{([a-zA-Z][a-zA-Z0-9.-]*)[(}]");
        try (Stream<Path> templates = Files.list(RESOURCES.resolve("templates/console"))) {
            for (Path template : templates.toList()) {
                Matcher m = key.matcher(Files.readString(template, StandardCharsets.UTF_8));
                while (m.find()) {
                    if (!vi.containsKey(m.group(1))) {
                        missing.add(template.getFileName() + ": " + m.group(1));
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyStateEventAndErrorHasItsName() throws IOException {
        Properties vi = load("messages_vi.properties");
        MessageProjection.STATES.forEach(s -> assertThat(vi).containsKey("state." + s));
        for (vn.lienthong.gateway.dossier.DossierStatus s : vn.lienthong.gateway.dossier.DossierStatus.values()) {
            assertThat(vi).containsKey("state." + s.name());
        }
        for (EventType t : EventType.values()) {
            assertThat(vi).containsKey("event." + t.name());
        }
        for (ErrorCode c : ErrorCode.values()) {
            assertThat(vi).containsKey("error." + c.name());
        }
    }

    private static Properties load(String file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(RESOURCES.resolve(file), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
