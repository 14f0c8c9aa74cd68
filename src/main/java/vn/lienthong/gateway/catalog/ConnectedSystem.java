package vn.lienthong.gateway.catalog;

import java.nio.file.Path;
import java.util.Map;

/**
 * One connected system (hệ thống kết nối), as configured in {@code config/systems/<id>.yml}.
 *
 * @param id           stable identifier, equal to the file name
 * @param name         human name, usually in Vietnamese
 * @param kind         role towards the gateway
 * @param agencyCode   the agency identifier (mã định danh cơ quan), e.g. {@code 000.22.31.H19}
 * @param protocol     how the gateway delivers to it
 * @param endpoint     URL (rest, soap), folder (file) or queue (jms) that the gateway delivers to
 * @param statusFolder for file systems: the folder the gateway reads status files from
 * @param apiKeys      digests of the key(s) this system presents in {@code X-Api-Key}, and its client certificate
 * @param mapping      XSLT in {@code config/mappings/} turning the canonical dossier into the system's format
 * @param soap         SOAP contract, for soap systems
 * @param delivery     retry and timeout policy
 * @param source       the file this definition came from
 * @param auth         the credentials the gateway presents when it delivers to the system
 * @param connector    the connector serving the system: the kamelets {@code <connector>-sink} (delivery) and
 *                     {@code <connector>-source} (statuses coming back) in {@code routes/kamelets/}
 * @param parameters   the connector's own parameters as written in the file's {@code parameters:}
 */
public record ConnectedSystem(String id, String name, SystemKind kind, String agencyCode, Protocol protocol,
                              String endpoint, String statusFolder, ApiKeys apiKeys, String mapping,
                              SoapBinding soap, DeliveryPolicy delivery, Path source, TargetAuth auth,
                              String connector, Map<String, String> parameters) {

    public ConnectedSystem {
        auth = auth == null ? TargetAuth.NONE : auth;
        connector = connector == null ? defaultConnector(kind, protocol) : connector;
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    /** A system with the connector of its protocol. */
    public ConnectedSystem(String id, String name, SystemKind kind, String agencyCode, Protocol protocol,
                           String endpoint, String statusFolder, ApiKeys apiKeys, String mapping,
                           SoapBinding soap, DeliveryPolicy delivery, Path source, TargetAuth auth) {
        this(id, name, kind, agencyCode, protocol, endpoint, statusFolder, apiKeys, mapping, soap, delivery, source,
                auth, null, null);
    }

    /**
     * The connector of a file that names none: the protocol's own ({@code rest}, {@code soap}, {@code file},
     * {@code jms}, {@code sftp}), except that a document office over files gets the edXML packages as they are.
     */
    public static String defaultConnector(SystemKind kind, Protocol protocol) {
        return kind == SystemKind.DOCUMENT_OFFICE && protocol == Protocol.FILE ? "document-file"
                : protocol.configName();
    }

    /** A system that presents no credentials. */
    public ConnectedSystem(String id, String name, SystemKind kind, String agencyCode, Protocol protocol,
                           String endpoint, String statusFolder, ApiKeys apiKeys, String mapping,
                           SoapBinding soap, DeliveryPolicy delivery, Path source) {
        this(id, name, kind, agencyCode, protocol, endpoint, statusFolder, apiKeys, mapping, soap, delivery, source,
                TargetAuth.NONE);
    }

    @Override
    public String toString() {
        // Never print the API key.
        return "ConnectedSystem[" + id + ", " + kind.configName() + ", " + protocol.configName() + ", " + connector
                + "]";
    }
}
