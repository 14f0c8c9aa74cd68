package vn.lienthong.gateway.onboarding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.lienthong.gateway.GatewayTestSupport;

/**
 * The whole gateway with the shipped configuration plus the system and procedure files a new department brings,
 * written by the tests into a copy of {@code config/}: onboarding is only configuration, so these tests add
 * files, never code. Every onboarding test shares this one context.
 */
abstract class OnboardingTestSupport extends GatewayTestSupport {

    /** The configuration folder: config/ as shipped, plus the files in {@link #newFiles}. */
    static final Path CONFIG = copyOfShippedConfig();

    /** Stands in for the agencies' own systems (token endpoint, REST and SOAP departments). */
    static final HttpServer AGENCY = agencyServer();

    static final String TC_SFTP_PASSWORD = "pw&+%?=" + UUID.randomUUID();
    static final String BHXH_BROKER_PASSWORD = "mq&+%" + UUID.randomUUID();

    /** The SFTP server of departments that exchange files over SFTP (password and key logins). */
    static final AgencyServers.Sftp SFTP = AgencyServers.Sftp.start("lienthong-gw", TC_SFTP_PASSWORD);

    /** An agency's own message broker, not the gateway's. */
    static final AgencyServers.Broker AGENCY_BROKER = AgencyServers.Broker.start("lienthong-gw",
            BHXH_BROKER_PASSWORD);

    /** A department on HTTPS that lets in only the gateway's client certificate (mutual TLS). */
    static final AgencyServers.Tls AGENCY_TLS = AgencyServers.Tls.start();

    /**
     * The files a new department brings: path under the config folder, then content, formatted with the agency
     * HTTP port (1), the SFTP port (2), the agency broker's URL (3), the gateway's SFTP private key file (4), the
     * HTTPS department's port (5), the gateway's client key store (6) and the trust store holding that department's
     * certificate (7).
     */
    static final String[][] NEW_FILES = {
        {"systems/tnmt-land.yml", """
            # A REST department behind its province's single sign-on (OAuth2 client credentials).
            id: tnmt-land
            name: Sở Tài nguyên và Môi trường – phần mềm đất đai
            kind: department
            agencyCode: 000.25.31.H19
            protocol: rest
            endpoint: http://127.0.0.1:%1$d/land/dossiers
            apiKey: ${TNMT_LAND_KEY:test-tnmt-land-key}
            auth: { type: oauth2, tokenUrl: "http://127.0.0.1:%1$d/sso/token", clientId: lienthong-gw,
                    clientSecret: "${TNMT_LAND_SECRET}", scope: dossiers }
            delivery: { maxAttempts: 3, initialDelay: 200ms, multiplier: 2, maxDelay: 1s, timeout: 5s }
            """},
        {"procedures/9.000001.yml", """
            code: "9.000001"
            name: Cấp giấy chứng nhận quyền sử dụng đất lần đầu
            processingDays: 10
            steps:
              - system: tnmt-land
            """},
        {"systems/xd-building.yml", """
            # A legacy SOAP department behind WS-Security (UsernameToken); same contract as the IZB demo.
            id: xd-building
            name: Sở Xây dựng – phần mềm cấp phép xây dựng
            kind: department
            agencyCode: 000.26.31.H19
            protocol: soap
            endpoint: http://127.0.0.1:%1$d/building/soap
            apiKey: ${XD_BUILDING_KEY:test-xd-building-key}
            mapping: izb-investment.xsl
            soap:
              wsdl: schemas/wsdl/izb-investment.wsdl
              service: "{urn:izb:investment:dossier:1}InvestmentDossierService"
              port: "{urn:izb:investment:dossier:1}InvestmentDossierPort"
              operation: TiepNhanHoSo
            auth: { type: ws-security, username: lienthong-gw, password: "${XD_BUILDING_PASSWORD}" }
            delivery: { maxAttempts: 3, initialDelay: 200ms, multiplier: 2, maxDelay: 1s, timeout: 5s }
            """},
        {"procedures/9.000002.yml", """
            code: "9.000002"
            name: Cấp giấy phép xây dựng
            processingDays: 10
            steps:
              - system: xd-building
            """},
        {"systems/ct-transport.yml", """
            # A REST department that wants XML: its mapping's xsl:output method is xml.
            id: ct-transport
            name: Sở Giao thông vận tải – phần mềm cấp phép
            kind: department
            agencyCode: 000.28.31.H19
            protocol: rest
            endpoint: http://127.0.0.1:%1$d/transport/dossiers
            apiKey: ${CT_TRANSPORT_KEY:test-ct-transport-key}
            mapping: izb-investment.xsl
            delivery: { maxAttempts: 3, initialDelay: 200ms, multiplier: 2, maxDelay: 1s, timeout: 5s }
            """},
        {"procedures/9.000003.yml", """
            code: "9.000003"
            name: Cấp giấy phép vận tải
            processingDays: 10
            steps:
              - system: ct-transport
            """},
        {"systems/yt-health.yml", """
            # A REST department with its own JSON shape: its mapping's xsl:output method is json.
            id: yt-health
            name: Sở Y tế – phần mềm cấp phép hành nghề
            kind: department
            agencyCode: 000.29.31.H19
            protocol: rest
            endpoint: http://127.0.0.1:%1$d/health/dossiers
            apiKey: ${YT_HEALTH_KEY:test-yt-health-key}
            mapping: yt-health.xsl
            delivery: { maxAttempts: 3, initialDelay: 200ms, multiplier: 2, maxDelay: 1s, timeout: 5s }
            """},
        {"mappings/yt-health.xsl", """
            <xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                            xmlns:xs="http://www.w3.org/2001/XMLSchema" exclude-result-prefixes="xs">
              <xsl:output method="json" encoding="UTF-8"/>
              <xsl:param name="GatewayMessageId" as="xs:string" select="''"/>
              <xsl:template match="/">
                <xsl:variable name="dossier" select="parse-json(json)"/>
                <xsl:sequence select="map { 'maHoSo': $dossier?dossierCode, 'nguoiNop': $dossier?applicant?name,
                                            'maGiaoDich': $GatewayMessageId }"/>
              </xsl:template>
            </xsl:stylesheet>
            """},
        {"systems/gt-traffic.yml", """
            # A REST department whose JSON shape is given by a JSON template (JSONata) instead of an XSLT.
            id: gt-traffic
            name: Sở Giao thông vận tải – phần mềm cấp phép
            kind: department
            agencyCode: 000.30.31.H19
            protocol: rest
            endpoint: http://127.0.0.1:%1$d/traffic/dossiers
            apiKey: ${GT_TRAFFIC_KEY:test-gt-traffic-key}
            mapping: gt-traffic.jsonata
            delivery: { maxAttempts: 3, initialDelay: 200ms, multiplier: 2, maxDelay: 1s, timeout: 5s }
            """},
        {"mappings/gt-traffic.jsonata", """
            {
              "maHoSo": dossierCode,
              "nguoiNop": { "hoTen": applicant.name },
              "tepDinhKem": documents.name,
              "maGiaoDich": $GatewayMessageId
            }
            """},
        {"procedures/9.000021.yml", """
            code: "9.000021"
            name: Cấp giấy phép lưu hành xe quá tải
            processingDays: 10
            steps:
              - system: gt-traffic
            """},
        {"procedures/9.000004.yml", """
            code: "9.000004"
            name: Cấp chứng chỉ hành nghề
            processingDays: 10
            steps:
              - system: yt-health
            """},
        {"systems/tc-finance.yml", """
            # A department that exchanges files over SFTP, logging the gateway in with a password: dossiers go
            # into inbox/ as JSON, its results come back as status files in outbox/.
            id: tc-finance
            name: Sở Tài chính – phần mềm quản lý giá đất
            kind: department
            agencyCode: 000.30.31.H19
            protocol: sftp
            endpoint: sftp://127.0.0.1:%2$d/inbox
            statusFolder: sftp://127.0.0.1:%2$d/outbox
            apiKey: ${TC_FINANCE_KEY:test-tc-finance-key}
            auth: { type: basic, username: lienthong-gw, password: "${TC_FINANCE_SFTP_PASSWORD}" }
            parameters: { pollMillis: 200 }
            delivery: { maxAttempts: 3, initialDelay: 200ms, multiplier: 2, maxDelay: 1s, timeout: 5s }
            """},
        {"procedures/9.000005.yml", """
            code: "9.000005"
            name: Xác định giá đất cụ thể
            processingDays: 10
            steps:
              - system: tc-finance
            """},
        {"systems/kh-planning.yml", """
            # A department on SFTP that takes only keys, and wants its own XML (the mapping's output).
            id: kh-planning
            name: Sở Kế hoạch và Đầu tư – phần mềm quy hoạch
            kind: department
            agencyCode: 000.31.31.H19
            protocol: sftp
            endpoint: sftp://127.0.0.1:%2$d/planning/in
            apiKey: ${KH_PLANNING_KEY:test-kh-planning-key}
            mapping: izb-investment.xsl
            auth: { type: ssh-key, username: lienthong-gw, privateKey: "%4$s" }
            delivery: { maxAttempts: 3, initialDelay: 200ms, multiplier: 2, maxDelay: 1s, timeout: 5s }
            """},
        {"procedures/9.000006.yml", """
            code: "9.000006"
            name: Thẩm định quy hoạch
            processingDays: 10
            steps:
              - system: kh-planning
            """},
        {"systems/bhxh-insurance.yml", """
            # A department whose software reads a queue on the agency's own broker.
            id: bhxh-insurance
            name: Bảo hiểm xã hội tỉnh – phần mềm thu
            kind: department
            agencyCode: 000.32.31.H19
            protocol: jms
            connector: jms-broker
            endpoint: lienthong.dossiers
            parameters: { brokerUrl: "%3$s" }
            apiKey: ${BHXH_INSURANCE_KEY:test-bhxh-insurance-key}
            auth: { type: basic, username: lienthong-gw, password: "${BHXH_BROKER_PASSWORD}" }
            delivery: { maxAttempts: 3, initialDelay: 200ms, multiplier: 2, maxDelay: 1s, timeout: 5s }
            """},
        {"systems/tp-justice.yml", """
            # A REST department behind mutual TLS: the gateway presents its client certificate, and trusts only the
            # department's own certificate.
            id: tp-justice
            name: Sở Tư pháp – phần mềm lý lịch tư pháp
            kind: department
            agencyCode: 000.33.31.H19
            protocol: rest
            endpoint: https://127.0.0.1:%5$d/justice/dossiers
            apiKey: ${TP_JUSTICE_KEY:test-tp-justice-key}
            auth: { type: client-certificate, keyStore: "%6$s", keyStorePassword: "${TP_JUSTICE_P12_PASSWORD}",
                    trustStore: "%7$s", trustStorePassword: "${TP_JUSTICE_P12_PASSWORD}" }
            delivery: { maxAttempts: 3, initialDelay: 200ms, multiplier: 2, maxDelay: 1s, timeout: 5s }
            """},
        {"procedures/9.000008.yml", """
            code: "9.000008"
            name: Cấp phiếu lý lịch tư pháp
            processingDays: 10
            steps:
              - system: tp-justice
            """},
        {"procedures/9.000007.yml", """
            code: "9.000007"
            name: Đăng ký tham gia bảo hiểm xã hội
            processingDays: 10
            steps:
              - system: bhxh-insurance
            """},
    };

    static final String TNMT_SECRET = "s3cret-" + UUID.randomUUID();
    static final String XD_PASSWORD = "pw-" + UUID.randomUUID();

    static {
        int port = AGENCY.getAddress().getPort();
        try {
            for (String[] file : NEW_FILES) {
                Files.writeString(CONFIG.resolve(file[0]), file[1].formatted(port, SFTP.port(), AGENCY_BROKER.url(),
                        SFTP.privateKey().toString(), AGENCY_TLS.port(), AGENCY_TLS.clientKeyStore().toString(),
                        AGENCY_TLS.gatewayTrustStore().toString()), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void onboardingProperties(DynamicPropertyRegistry registry) {
        registry.add("gateway.catalog.directory", CONFIG::toString);
        // As an operator would export them; the system files name only the variables.
        registry.add("TNMT_LAND_SECRET", () -> TNMT_SECRET);
        registry.add("XD_BUILDING_PASSWORD", () -> XD_PASSWORD);
        registry.add("TC_FINANCE_SFTP_PASSWORD", () -> TC_SFTP_PASSWORD);
        registry.add("BHXH_BROKER_PASSWORD", () -> BHXH_BROKER_PASSWORD);
        registry.add("TP_JUSTICE_P12_PASSWORD", AGENCY_TLS::password);
    }

    /** A dossier of the demo sample, for {@code procedureCode}, with a fresh dossier code. */
    static String dossier(String procedureCode, String codePrefix) {
        try {
            ObjectNode dossier = (ObjectNode) JSON.readTree(sample("dossiers/business-single.json"));
            dossier.put("procedureCode", procedureCode);
            dossier.put("dossierCode", codePrefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase());
            return dossier.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private static HttpServer agencyServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path copyOfShippedConfig() {
        try {
            Path target = Files.createTempDirectory("onboarding-config-");
            Path source = Path.of("config");
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.toList()) {
                    Path copy = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(file, copy);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
