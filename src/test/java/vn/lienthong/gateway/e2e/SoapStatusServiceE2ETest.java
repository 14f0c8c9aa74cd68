package vn.lienthong.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.message.Message;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import vn.lienthong.gateway.GatewayTestSupport;
import vn.lienthong.gateway.e2e.soap.DossierStatusPort;
import vn.lienthong.gateway.e2e.soap.DossierStatusReport;
import vn.lienthong.gateway.e2e.soap.StatusAccepted;

/** A legacy department reports through the SOAP DossierStatusService with a real CXF client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SoapStatusServiceE2ETest extends GatewayTestSupport {

    private String code;

    static DossierStatusPort client(String apiKey) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(DossierStatusPort.class);
        factory.setAddress(url("/services/DossierStatusService"));
        DossierStatusPort port = (DossierStatusPort) factory.create();
        Client client = ClientProxy.getClient(port);
        if (apiKey != null) {
            client.getRequestContext().put(Message.PROTOCOL_HEADERS, Map.of("X-Api-Key", List.of(apiKey)));
        }
        return port;
    }

    @BeforeAll
    void aDossierCompletedAtTheBoard() throws Exception {
        ObjectNode d = DossierFlowE2ETest.dossier("investment-lienthong.json");
        code = d.get("dossierCode").asText();
        assertThat(postJson("/api/v1/dossiers", ONE_STOP_KEY, d.toString()).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> viewerGet("/api/v1/dossiers/" + code).json()
                .get("state").asText().equals("COMPLETED"));
    }

    @Test
    void theWsdlIsPublishedToAuthenticatedSystems() {
        Answer wsdl = get("/services/DossierStatusService?wsdl", "viewer", "viewer-demo");
        assertThat(wsdl.status()).isEqualTo(403);
        assertThat(get("/services/DossierStatusService?wsdl", null, null).status()).isEqualTo(401);
    }

    @Test
    void aReportIsAcceptedAppliedAndForwardedToTheOneStopSoftware() {
        StatusAccepted accepted = client(IZB_KEY).reportStatus(DossierStatusReport.of(code, "izb-investment",
                "RESULT_RETURNED"));
        assertThat(accepted.messageId).isNotBlank();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var view = viewerGet("/api/v1/dossiers/" + code).json();
            assertThat(view.get("steps").findParents("system").stream()
                    .filter(s -> s.get("system").asText().equals("izb-investment"))
                    .map(s -> s.get("state").asText())).containsExactly("RESULT_RETURNED");
            assertThat(DossierFlowE2ETest.callbackStatuses(code, "izb-investment")).endsWith("RESULT_RETURNED");
        });
    }

    @Test
    void aReportForAnotherSystemIsAClientFault() {
        assertThatThrownBy(() -> client(IZB_KEY).reportStatus(DossierStatusReport.of(code, "dpi-business",
                "COMPLETED")))
                .satisfies(e -> {
                    SoapFault fault = soapFault(e);
                    assertThat(fault.getFaultCode().getLocalPart()).isEqualTo("Client");
                    assertThat(fault.getMessage()).contains("FORBIDDEN").contains("izb-investment");
                });
    }

    @Test
    void aReportThatBreaksTheSchemaIsAClientFault() {
        assertThatThrownBy(() -> client(IZB_KEY).reportStatus(DossierStatusReport.of(code, "izb-investment",
                "FINISHED")))
                .satisfies(e -> {
                    SoapFault fault = soapFault(e);
                    assertThat(fault.getFaultCode().getLocalPart()).isEqualTo("Client");
                    assertThat(fault.getMessage()).contains("VALIDATION_FAILED").contains("FINISHED")
                            .contains("Status");
                });
    }

    private static SoapFault soapFault(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SoapFault fault) {
                return fault;
            }
        }
        throw new AssertionError("no SOAP fault in " + e, e);
    }

    @Test
    void anEnvelopeThatIsNotXmlGetsAClientFaultSayingSo() {
        Answer answer = post("/services/DossierStatusService", IZB_KEY, "text/xml; charset=UTF-8",
                ("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><x")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        // SOAP 1.1 (WS-I BP R1126) answers every fault with HTTP 500; the fault code says whose fault it is.
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.body()).contains("<faultcode>soap:Client</faultcode>")
                .contains("MALFORMED_REQUEST: The request is not well-formed XML")
                .contains(">MALFORMED_REQUEST</code>").contains("[1,83]");
    }

    @Test
    void anEnvelopeWithADoctypeIsRefusedAndNothingIsExpanded() {
        Answer answer = post("/services/DossierStatusService", IZB_KEY, "text/xml; charset=UTF-8", ("""
                <?xml version="1.0"?>
                <!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
                <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>&e;</soap:Body>
                </soap:Envelope>""").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.body()).contains("<faultcode>soap:Client</faultcode>").contains("HOSTILE_XML")
                .contains("DOCTYPE is not allowed").doesNotContain("root:");
    }

    @Test
    void aCallWithoutKeyIsRefused() {
        assertThatThrownBy(() -> client(null).reportStatus(DossierStatusReport.of(code, "izb-investment",
                "COMPLETED"))).hasStackTraceContaining("401");
    }
}
