package vn.lienthong.gateway.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A legacy SOAP department that demands a WS-Security UsernameToken, connected by one system file and one procedure
 * file: the gateway's real CXF client puts the configured user, the password from the environment, a nonce and a
 * creation time into the SOAP header, and the department files the dossier mapped by the system's XSLT.
 */
class WsSecurityDepartmentE2ETest extends OnboardingTestSupport {

    private static final String WSSE =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    private static final String WSU =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    private static final String IZB = "urn:izb:investment:dossier:1";

    /** Dossier codes (MaHoSo) the department filed, each after checking the UsernameToken. */
    static final List<String> FILED = new CopyOnWriteArrayList<>();
    static final List<String> REFUSED = new CopyOnWriteArrayList<>();

    static {
        AGENCY.createContext("/building/soap", exchange -> {
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                Document request = factory.newDocumentBuilder().parse(
                        new ByteArrayInputStream(exchange.getRequestBody().readAllBytes()));
                Element token = (Element) request.getElementsByTagNameNS(WSSE, "UsernameToken").item(0);
                String problem = token == null ? "no UsernameToken" : check(token);
                if (problem != null) {
                    REFUSED.add(problem);
                    answer(exchange, 500, "text/xml; charset=UTF-8", """
                        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
                        <soap:Fault><faultcode>soap:Client</faultcode>
                        <faultstring>%s</faultstring></soap:Fault></soap:Body></soap:Envelope>""".formatted(problem));
                    return;
                }
                FILED.add(request.getElementsByTagNameNS(IZB, "MaHoSo").item(0).getTextContent());
                answer(exchange, 200, "text/xml; charset=UTF-8", """
                    <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
                    <TiepNhanHoSoResponse xmlns="urn:izb:investment:dossier:1"><KetQua>DA_TIEP_NHAN</KetQua>
                    </TiepNhanHoSoResponse></soap:Body></soap:Envelope>""");
            } catch (Exception e) {
                REFUSED.add(e.toString());
                answer(exchange, 400, "text/plain", e.toString());
            }
        });
    }

    private static String check(Element token) {
        String user = text(token, WSSE, "Username");
        Element password = (Element) token.getElementsByTagNameNS(WSSE, "Password").item(0);
        if (!"lienthong-gw".equals(user)) {
            return "unknown user " + user;
        }
        if (password == null || !password.getAttribute("Type").endsWith("#PasswordText")
                || !XD_PASSWORD.equals(password.getTextContent())) {
            return "wrong password";
        }
        if (text(token, WSSE, "Nonce") == null || text(token, WSU, "Created") == null) {
            return "no nonce or creation time";
        }
        return null;
    }

    private static String text(Element parent, String namespace, String name) {
        var node = parent.getElementsByTagNameNS(namespace, name).item(0);
        return node == null ? null : node.getTextContent();
    }

    @Test
    void theDepartmentFilesTheDossierAfterCheckingTheUsernameToken() {
        Answer accepted = postJson("/api/v1/dossiers", ONE_STOP_KEY, dossier("9.000002", "XD"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String code = accepted.json().get("dossierCode").asText();

        await().atMost(Duration.ofSeconds(20)).until(() -> FILED.contains(code) || !REFUSED.isEmpty());
        assertThat(REFUSED).isEmpty();
        assertThat(FILED).contains(code);
    }
}
