package vn.lienthong.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The one rule from a system file to its connector's kamelet URIs, read against the shipped kamelets of
 * {@code routes/kamelets}: each kamelet gets exactly the parameters it declares, whatever the protocol.
 */
class ConnectorsTest {

    private final Connectors connectors = new Connectors(Path.of("routes", "kamelets"), Path.of("config"));

    private static ConnectedSystem system(String id, SystemKind kind, Protocol protocol, String endpoint,
                                          String statusFolder, String mapping, TargetAuth auth, String connector,
                                          Map<String, String> parameters) {
        return new ConnectedSystem(id, id, kind, "000.00.00.H19", protocol, endpoint, statusFolder,
                ApiKeys.of("key-of-" + id + "-123", null, null), mapping, null, DeliveryPolicy.DEFAULT,
                Path.of(id + ".yml"), auth, connector, parameters);
    }

    @Test
    void aFileDepartmentGetsTheFileKameletsWithItsFoldersAndMapping() {
        ConnectedSystem labour = system("labour", SystemKind.DEPARTMENT, Protocol.FILE, "data/in", "data/out",
                "dolisa-labour.xsl", TargetAuth.NONE, null, null);
        assertThat(labour.connector()).isEqualTo("file");
        assertThat(connectors.sinkUri(labour)).isEqualTo("kamelet:file-sink?endpoint=RAW(data/in)&mapping=RAW(file:"
                + Path.of("config", "mappings", "dolisa-labour.xsl").toAbsolutePath() + ")");
        assertThat(connectors.sourceUri(labour)).contains("kamelet:file-source?statusFolder=RAW(data/out)");
        assertThat(connectors.problems(labour)).isEmpty();
    }

    @Test
    void aRestDepartmentWithoutMappingGetsOnlyWhatTheRestKameletTakes() {
        ConnectedSystem rest = system("land", SystemKind.DEPARTMENT, Protocol.REST, "http://127.0.0.1:1/a?x=1",
                "data/out", null, new TargetAuth(TargetAuth.Type.BASIC, Map.of("username", "gw", "password", "p")),
                null, null);
        assertThat(connectors.sinkUri(rest)).isEqualTo(
                "kamelet:rest-sink?systemId=land&endpoint=RAW(http://127.0.0.1:1/a?x=1)&timeoutMillis=10000");
        assertThat(connectors.sourceUri(rest)).as("no rest-source kamelet: no status reader").isEmpty();
        assertThat(connectors.problems(rest)).extracting(Connectors.Problem::message).containsExactly(
                "statusFolder is given, but nothing would read it: there is no kamelet "
                        + Path.of("routes", "kamelets", "rest-source.kamelet.yaml"));
    }

    @Test
    void aRestDepartmentThatWantsAClientCertificateGetsItsTlsSettings() {
        ConnectedSystem rest = system("land", SystemKind.DEPARTMENT, Protocol.REST, "https://127.0.0.1:1/a", null,
                null, new TargetAuth(TargetAuth.Type.CLIENT_CERTIFICATE, Map.of("keyStore", "x.p12",
                        "keyStorePassword", "p")), null, null);
        assertThat(connectors.sinkUri(rest)).isEqualTo("kamelet:rest-sink?systemId=land"
                + "&endpoint=RAW(https://127.0.0.1:1/a)&sslContextParameters=RAW(#tls-land)&timeoutMillis=10000");
    }

    @Test
    void theAgencyBrokerConnectorTakesItsUrlFromParametersAndItsLoginFromAuth() {
        ConnectedSystem broker = system("insurance", SystemKind.DEPARTMENT, Protocol.JMS, "dossiers.in", null, null,
                new TargetAuth(TargetAuth.Type.BASIC, Map.of("username", "gw", "password", "p&w(1)")),
                "jms-broker", Map.of("brokerUrl", "tcp://mq.example:61616"));
        assertThat(connectors.sinkUri(broker)).isEqualTo("kamelet:jms-broker-sink?endpoint=dossiers.in"
                + "&brokerUrl=RAW(tcp://mq.example:61616)&username=gw&password=RAW{p&w(1)}");
        assertThat(connectors.problems(broker)).isEmpty();
    }

    @Test
    void everyRequiredParameterNobodyGivesAndEveryUnknownParameterIsAProblem() {
        ConnectedSystem broker = system("insurance", SystemKind.DEPARTMENT, Protocol.JMS, "dossiers.in", null, null,
                TargetAuth.NONE, "jms-broker", Map.of("brokerUri", "tcp://mq.example:61616"));
        assertThat(connectors.problems(broker)).extracting(Connectors.Problem::message).containsExactly(
                "the kamelet jms-broker-sink needs 'brokerUrl', which this file does not give (give it under"
                        + " parameters:)",
                "the kamelet jms-broker-sink needs 'username', which this file does not give (give it in auth:)",
                "the kamelet jms-broker-sink needs 'password', which this file does not give (give it in auth:)",
                "parameter 'brokerUri' is not a parameter of [jms-broker-sink] (it takes [endpoint, brokerUrl,"
                        + " username, password])");
        ConnectedSystem pigeon = system("pigeon", SystemKind.DEPARTMENT, Protocol.REST, "http://x", null, null,
                TargetAuth.NONE, "carrier-pigeon", null);
        assertThat(connectors.problems(pigeon)).extracting(Connectors.Problem::message).containsExactly(
                "connector 'carrier-pigeon' needs the kamelet " + Path.of("routes", "kamelets",
                        "carrier-pigeon-sink.kamelet.yaml") + ", which does not exist");
    }

    @Test
    void aSecretIsRefusedInParametersWhereNothingChecksItComesFromTheEnvironment() {
        ConnectedSystem sftp = system("finance", SystemKind.DEPARTMENT, Protocol.SFTP, "sftp://h:22/in", null, null,
                new TargetAuth(TargetAuth.Type.BASIC, Map.of("username", "gw", "password", "p")), null,
                Map.of("passphrase", "written-in-the-file"));
        assertThat(connectors.problems(sftp)).extracting(Connectors.Problem::pointer, Connectors.Problem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/parameters/passphrase",
                        "'passphrase' is a secret: give it in auth: as \"${VARIABLE}\", never in parameters:"));
    }

    @Test
    void aDocumentOfficeOverFilesKeepsItsEdxmlConnectorAndReadsStatusesWithTheFileSource() {
        ConnectedSystem office = system("office", SystemKind.DOCUMENT_OFFICE, Protocol.FILE, "data/office",
                "data/office-status", null, TargetAuth.NONE, null, null);
        assertThat(connectors.sinkUri(office)).isEqualTo("kamelet:document-file-sink?endpoint=RAW(data/office)");
        assertThat(connectors.sourceUri(office)).contains(
                "kamelet:file-source?statusFolder=RAW(data/office-status)");
    }
}
