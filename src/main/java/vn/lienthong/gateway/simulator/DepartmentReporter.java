package vn.lienthong.gateway.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.xml.namespace.QName;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.PreDestroy;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.handler.MessageContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.catalog.ConnectedSystem;
import vn.lienthong.gateway.catalog.GatewayProperties;
import vn.lienthong.gateway.support.SecureXml;

/**
 * How a simulated department answers a delivery: it reports statuses back to the gateway through its
 * own channel — REST for dpi-business, SOAP (a JAX-WS dispatch client) for izb-investment, result files
 * for dolisa-labour — as the real applications would.
 */
@Component
@Profile("demo")
public class DepartmentReporter {

    private static final Logger log = LoggerFactory.getLogger(DepartmentReporter.class);
    private static final String STATUS_NS = "urn:lienthong-gateway:dossier-status:1";

    private final Catalog catalog;
    private final ObjectMapper mapper;
    private final String gatewayUrl;
    private final Duration reportDelay;
    private final Path schemasDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "sim-department-reporter");
        t.setDaemon(true);
        return t;
    });

    public DepartmentReporter(Catalog catalog, ObjectMapper mapper, GatewayProperties properties,
                              @Value("${gateway.demo.base-url}") String gatewayUrl,
                              @Value("${gateway.demo.report-delay:300ms}") Duration reportDelay) {
        this.catalog = catalog;
        this.mapper = mapper;
        this.gatewayUrl = gatewayUrl;
        this.reportDelay = reportDelay;
        this.schemasDir = properties.schemas().directory();
    }

    /** Reports the given statuses one after the other, each after the demo delay. */
    public void reportLater(String system, String dossierCode, List<String> statuses) {
        scheduler.schedule(() -> report(system, dossierCode, statuses, 0), reportDelay.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void report(String system, String dossierCode, List<String> statuses, int index) {
        if (index >= statuses.size()) {
            return;
        }
        String status = statuses.get(index);
        try {
            switch (system) {
                case Simulators.IZB -> reportBySoap(system, dossierCode, status);
                case Simulators.DOLISA -> reportByFile(system, dossierCode, status);
                default -> reportByRest(system, dossierCode, status);
            }
            scheduler.schedule(() -> report(system, dossierCode, statuses, index + 1), reportDelay.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // A real department retries later too; the demo tries once more after a pause.
            log.warn("Simulated {} could not report {} for {}: {}", system, status, dossierCode, e.toString());
            scheduler.schedule(() -> report(system, dossierCode, statuses, index), 2, TimeUnit.SECONDS);
        }
    }

    private String apiKey(String system) {
        // The gateway keeps only digests of keys; the simulators sign in with the committed demo keys.
        return catalog.system(system).flatMap(s -> s.apiKeys().demoKey()).orElseThrow(() ->
                new IllegalStateException("the demo simulator of " + system + " needs its committed demo key"));
    }

    private static String now() {
        // Formatted, not toString(): at a whole minute toString() drops the seconds ("12:53+07:00"), which is not an
        // RFC 3339 date-time, and the gateway rightly refused the report (a flaky DossierFlowE2ETest, 1 run in 60).
        return java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                OffsetDateTime.now(ZoneOffset.ofHours(7)).truncatedTo(ChronoUnit.SECONDS));
    }

    private void reportByRest(String system, String dossierCode, String status) throws IOException,
            InterruptedException {
        ObjectNode body = mapper.createObjectNode();
        body.put("dossierCode", dossierCode);
        body.put("system", system);
        body.put("status", status);
        body.put("at", now());
        body.put("handler", "Chuyên viên " + system);
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/v1/dossiers/" + dossierCode
                        + "/status"))
                .header("Content-Type", "application/json")
                .header("X-Api-Key", apiKey(system))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IOException("gateway answered " + response.statusCode() + ": " + response.body());
        }
    }

    private void reportBySoap(String system, String dossierCode, String status) throws IOException {
        URL wsdl = schemasDir.resolve("wsdl/dossier-status.wsdl").toUri().toURL();
        Service service = Service.create(wsdl, new QName(STATUS_NS, "DossierStatusService"));
        Dispatch<Source> dispatch = service.createDispatch(new QName(STATUS_NS, "DossierStatusPort"), Source.class,
                Service.Mode.PAYLOAD);
        dispatch.getRequestContext().put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY,
                gatewayUrl + "/services/DossierStatusService");
        dispatch.getRequestContext().put(MessageContext.HTTP_REQUEST_HEADERS,
                Map.of("X-Api-Key", List.of(apiKey(system))));
        dispatch.invoke(new DOMSource(statusReport(system, dossierCode, status)));
    }

    private void reportByFile(String system, String dossierCode, String status) throws Exception {
        ConnectedSystem department = catalog.system(system).orElseThrow();
        Path outbox = Path.of(department.statusFolder());
        Files.createDirectories(outbox);
        // Names sort in writing order too, as many legacy systems rely on.
        String name = String.format("%015d_%s_%s.xml", System.currentTimeMillis(), dossierCode, status);
        Path temp = outbox.resolve(".writing-" + name);
        var transformer = SecureXml.transformerFactory().newTransformer();
        transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        transformer.transform(new DOMSource(statusReport(system, dossierCode, status)),
                new StreamResult(temp.toFile()));
        Files.move(temp, outbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    static Document statusReport(String system, String dossierCode, String status) {
        Document doc = SecureXml.newDocument();
        Element report = doc.createElementNS(STATUS_NS, "DossierStatusReport");
        doc.appendChild(report);
        append(doc, report, "DossierCode", dossierCode);
        append(doc, report, "System", system);
        append(doc, report, "Status", status);
        append(doc, report, "At", now());
        append(doc, report, "Handler", "Chuyên viên " + system);
        return doc;
    }

    private static void append(Document doc, Element parent, String name, String value) {
        Element e = doc.createElementNS(STATUS_NS, name);
        e.setTextContent(value);
        parent.appendChild(e);
    }

    @PreDestroy
    void shutdown() {
        scheduler.shutdownNow();
    }
}
