package vn.lienthong.gateway.delivery;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.catalog.ConnectedSystem;
import vn.lienthong.gateway.catalog.Connectors;
import vn.lienthong.gateway.catalog.GatewayProperties;
import vn.lienthong.gateway.catalog.SystemKind;
import vn.lienthong.gateway.catalog.TargetAuth;

/**
 * Creates each connected system's routes from the templates in {@code routes/delivery/} by one rule, read from the
 * system's file: a delivery route per system ({@code <id>-out-deliver}) sending through the kamelet
 * {@code <connector>-sink}, and, for a system with a status folder whose connector has a {@code <connector>-source}
 * kamelet, a status reader ({@code <id>-in-status-file}). Which kamelet, with which parameters, is data
 * ({@link Connectors}); adding a system is adding its YAML file, adding a protocol is adding a kamelet.
 */
@Component
public class SystemRoutes implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SystemRoutes.class);

    private final Catalog catalog;
    private final DeliveryProperties delivery;
    private final SystemControl control;
    private final TargetCredentials credentials;
    private final Connectors connectors;

    public SystemRoutes(Catalog catalog, GatewayProperties properties, DeliveryProperties delivery,
                        SystemControl control, TargetCredentials credentials, Environment environment) {
        this.catalog = catalog;
        this.delivery = delivery;
        this.control = control;
        this.credentials = credentials;
        this.connectors = new Connectors(
                Connectors.kameletFolder(environment.getProperty("camel.component.kamelet.location")),
                properties.catalog().directory());
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        // Templates are loaded from routes/ with the other YAML routes; systems are added once they exist.
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        // Circuits open when the gateway stopped (or open on another node) hold their routes from the start.
        control.restoreCircuits();
        for (ConnectedSystem system : catalog.systems()) {
            if (system.kind() == SystemKind.NATIONAL_AXIS) {
                // The axis is polled and sent to by its own routes (routes/national-axis/).
                continue;
            }
            if (system.auth().type() == TargetAuth.Type.CLIENT_CERTIFICATE) {
                // Mutual TLS: the connector presents the system's client certificate (#tls-<id>).
                camelContext.getRegistry().bind("tls-" + system.id(), credentials.tlsParameters(system.id()));
            }
            addDeliveryRoute(camelContext, system.id(), sinkUri(system), delivery.concurrentConsumers(),
                    control.isHeld(system.id()));
            connectors.sourceUri(system).ifPresent(source -> addStatusRoute(camelContext, system, source));
            log.info("Routes for {} ({}, connector {}) started", system.id(), system.kind().configName(),
                    system.connector());
            if (!hostKeyChecked(system)) {
                log.warn("{}: the SFTP server's host key is not checked, so any server answering at {} gets the"
                        + " dossiers; set parameters knownHostsFile and strictHostKeyChecking: \"yes\" in {}"
                        + " (docs/onboarding.md)", system.id(), system.endpoint(), system.source());
            }
        }
        // Systems an operator paused stay paused across a restart; open circuits stay open.
        control.applyAll();
    }

    /** False for a system served over SFTP that accepts any host key (the connector's default); true otherwise. */
    static boolean hostKeyChecked(ConnectedSystem system) {
        return !system.connector().startsWith("sftp")
                || "yes".equalsIgnoreCase(system.parameters().getOrDefault("strictHostKeyChecking", "no").strip())
                && system.parameters().containsKey("knownHostsFile");
    }

    /**
     * Creates {@code <systemId>-out-deliver} from the system-delivery template; a held system's route (paused, or
     * its circuit open) is created stopped (the context is running, so a started route would deliver before the hold
     * could be applied).
     */
    static void addDeliveryRoute(CamelContext camelContext, String systemId, String sink, int concurrentConsumers,
                                 boolean held) {
        TemplatedRouteBuilder.builder(camelContext, "system-delivery")
                .routeId(SystemControl.routeId(systemId))
                .parameter("systemId", systemId)
                .parameter("sink", sink)
                .parameter("concurrentConsumers", String.valueOf(concurrentConsumers))
                // Every use sets it, so this template model change never leaks from one system to the next.
                .handler(template -> template.getRoute().setAutoStartup(String.valueOf(!held)))
                .add();
    }

    /** Reads the system's status folder through its connector's source, with the reader of its kind. */
    private void addStatusRoute(CamelContext camelContext, ConnectedSystem system, String source) {
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
                .parameter("source", source)
                .parameter("reader", reader)
                .parameter("flow", office ? "edxml-status" : "status")
                .add();
    }

    /** {@code kamelet:<connector>-sink?…}: the system's connector with the parameters its file gives. */
    String sinkUri(ConnectedSystem system) {
        return connectors.sinkUri(system);
    }
}
