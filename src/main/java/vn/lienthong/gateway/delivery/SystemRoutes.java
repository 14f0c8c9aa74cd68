package vn.lienthong.gateway.delivery;

import java.nio.file.Path;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.catalog.ConnectedSystem;
import vn.lienthong.gateway.catalog.GatewayProperties;
import vn.lienthong.gateway.catalog.Protocol;
import vn.lienthong.gateway.catalog.SystemKind;
import vn.lienthong.gateway.catalog.TargetAuth;

/**
 * Creates each connected system's routes from the templates in {@code routes/delivery/}: a delivery
 * route per system ({@code <id>-out-deliver}) and, for file systems with a status folder, a status-file reader
 * ({@code <id>-in-status-file}). Adding a system is adding its YAML file; no Java changes.
 */
@Component
public class SystemRoutes implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SystemRoutes.class);

    private final Catalog catalog;
    private final GatewayProperties properties;
    private final DeliveryProperties delivery;
    private final SystemControl control;
    private final TargetCredentials credentials;

    public SystemRoutes(Catalog catalog, GatewayProperties properties, DeliveryProperties delivery,
                        SystemControl control, TargetCredentials credentials) {
        this.catalog = catalog;
        this.properties = properties;
        this.delivery = delivery;
        this.control = control;
        this.credentials = credentials;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        // Templates are loaded from routes/ with the other YAML routes; systems are added once they exist.
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        for (ConnectedSystem system : catalog.systems()) {
            if (system.kind() == SystemKind.NATIONAL_AXIS) {
                // The axis is polled and sent to by its own routes (routes/national-axis/).
                continue;
            }
            if (system.auth().type() == TargetAuth.Type.CLIENT_CERTIFICATE) {
                // Mutual TLS: the HTTPS endpoint presents the system's client certificate (#tls-<id>).
                camelContext.getRegistry().bind("tls-" + system.id(), credentials.tlsParameters(system.id()));
            }
            addDeliveryRoute(camelContext, system.id(), sinkUri(system), delivery.concurrentConsumers(),
                    control.isPaused(system.id()));
            if (system.protocol() == Protocol.FILE && system.statusFolder() != null) {
                addStatusFileRoute(camelContext, system);
            }
            log.info("Routes for {} ({}, {}) started", system.id(), system.kind().configName(),
                    system.protocol().configName());
        }
        // Systems an operator paused stay paused across a restart.
        control.applyAll();
    }

    /**
     * Creates {@code <systemId>-out-deliver} from the system-delivery template; a paused system's route is created
     * stopped (the context is running, so a started route would deliver before the pause could be applied).
     */
    static void addDeliveryRoute(CamelContext camelContext, String systemId, String sink, int concurrentConsumers,
                                 boolean paused) {
        TemplatedRouteBuilder.builder(camelContext, "system-delivery")
                .routeId(SystemControl.routeId(systemId))
                .parameter("systemId", systemId)
                .parameter("sink", sink)
                .parameter("concurrentConsumers", String.valueOf(concurrentConsumers))
                // Every use sets it, so this template model change never leaks from one system to the next.
                .handler(template -> template.getRoute().setAutoStartup(String.valueOf(!paused)))
                .add();
    }

    /** Reads the system's status folder with the reader of its kind (result files, document statuses). */
    private void addStatusFileRoute(CamelContext camelContext, ConnectedSystem system) {
        boolean office = system.kind() == SystemKind.DOCUMENT_OFFICE;
        String reader = office ? "documentStatusFiles" : "statusXml";
        if (camelContext.getRegistry().lookupByName(reader) == null) {
            // The document office's reader belongs to the national document axis feature (gateway.axis.enabled).
            log.warn("{}: status folder {} is not read, because the national document axis feature is off",
                    system.id(), system.statusFolder());
            return;
        }
        TemplatedRouteBuilder.builder(camelContext, "system-file-status")
                .routeId(system.id() + "-in-status-file")
                .parameter("systemId", system.id())
                .parameter("folder", Path.of(system.statusFolder()).toAbsolutePath().toString())
                .parameter("reader", reader)
                .parameter("flow", office ? "edxml-status" : "status")
                .add();
    }

    /** The kamelet that speaks the system's protocol, with the system's settings. */
    String sinkUri(ConnectedSystem system) {
        long timeout = system.delivery().timeout().toMillis();
        return switch (system.protocol()) {
            case REST -> "kamelet:rest-sink?systemId=" + system.id() + "&endpoint=RAW(" + httpEndpoint(system)
                    + ")&mapping=RAW(" + (system.mapping() == null ? DossierMapping.NONE : mapping(system)) + ")"
                    + "&timeoutMillis=" + timeout;
            case SOAP -> "kamelet:soap-sink?systemId=" + system.id() + "&endpoint=RAW(" + system.endpoint() + ")"
                    + "&mapping=RAW(" + mapping(system) + ")"
                    + "&wsdl=RAW(file:" + Path.of(system.soap().wsdl()).toAbsolutePath() + ")"
                    + "&service=RAW(" + system.soap().service() + ")"
                    + "&port=RAW(" + system.soap().port() + ")"
                    + "&operation=" + system.soap().operation() + "&timeoutMillis=" + timeout;
            // A document office gets the edXML packages as they are; other file systems get mapped XML.
            case FILE -> system.kind() == SystemKind.DOCUMENT_OFFICE
                    ? "kamelet:document-file-sink?directory=RAW(" + Path.of(system.endpoint()).toAbsolutePath() + ")"
                    : "kamelet:file-sink?directory=RAW(" + Path.of(system.endpoint()).toAbsolutePath() + ")"
                    + "&mapping=RAW(" + mapping(system) + ")";
            case JMS -> "kamelet:jms-sink?queue=RAW(" + system.endpoint() + ")";
        };
    }

    /** The system's URL, with its client certificate's TLS settings when it asks for mutual TLS. */
    private static String httpEndpoint(ConnectedSystem system) {
        if (system.auth().type() != TargetAuth.Type.CLIENT_CERTIFICATE) {
            return system.endpoint();
        }
        return system.endpoint() + (system.endpoint().contains("?") ? "&" : "?") + "sslContextParameters=#tls-"
                + system.id();
    }

    private String mapping(ConnectedSystem system) {
        return "file:" + properties.catalog().directory().resolve("mappings").resolve(system.mapping())
                .toAbsolutePath();
    }
}
