package vn.lienthong.gateway.simulator;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.catalog.ConnectedSystem;
import vn.lienthong.gateway.support.SecureXml;

/**
 * dolisa-labour: a department that reads dossier files from its inbox folder and leaves result files in
 * its outbox. Skips work while its mode is {@code down}; answers NOT_ACCEPTED in {@code reject} mode.
 */
@Component
@Profile("demo")
public class FileDepartmentSimulator {

    private static final Logger log = LoggerFactory.getLogger(FileDepartmentSimulator.class);
    private static final String NS = "urn:dolisa:labour:hoso:1";

    private final Simulators simulators;
    private final DepartmentReporter reporter;
    private final Path inbox;

    public FileDepartmentSimulator(Simulators simulators, DepartmentReporter reporter, Catalog catalog) {
        this.simulators = simulators;
        this.reporter = reporter;
        this.inbox = catalog.system(Simulators.DOLISA).map(ConnectedSystem::endpoint).map(Path::of).orElse(null);
    }

    @Scheduled(fixedDelayString = "${gateway.demo.file-poll:500ms}")
    public void poll() {
        SimulatedSystem dolisa = simulators.get(Simulators.DOLISA);
        if (inbox == null || !Files.isDirectory(inbox) || dolisa.mode() == SimulatorMode.DOWN) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(inbox, "[!.]*.xml")) {
            for (Path file : files) {
                take(dolisa, file);
            }
        } catch (IOException e) {
            log.warn("Simulated {} cannot read {}: {}", Simulators.DOLISA, inbox, e.toString());
        }
    }

    private void take(SimulatedSystem dolisa, Path file) {
        try {
            Document doc = SecureXml.parse(Files.readAllBytes(file));
            String code = text(doc, "MaHoSo");
            String key = text(doc, "MaGiaoDich");
            Path done = inbox.resolve(".processed");
            Files.createDirectories(done);
            Files.move(file, done.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            if (dolisa.record(key, code, file.getFileName().toString())) {
                reporter.reportLater(Simulators.DOLISA, code, dolisa.mode(code) == SimulatorMode.REJECT
                        ? List.of("NOT_ACCEPTED") : List.of("IN_PROGRESS", "COMPLETED"));
            }
        } catch (Exception e) {
            log.warn("Simulated {} cannot process {}: {}", Simulators.DOLISA, file, e.toString());
        }
    }

    private static String text(Document doc, String name) {
        NodeList list = doc.getElementsByTagNameNS(NS, name);
        return list.getLength() == 0 ? null : list.item(0).getTextContent().trim();
    }
}
