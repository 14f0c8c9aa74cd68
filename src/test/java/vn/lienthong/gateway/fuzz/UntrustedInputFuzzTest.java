package vn.lienthong.gateway.fuzz;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;

import javax.xml.validation.Schema;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.xml.sax.SAXException;

import vn.lienthong.gateway.catalog.GatewayProperties;
import vn.lienthong.gateway.contract.JsonContract;
import vn.lienthong.gateway.contract.JsonContracts;
import vn.lienthong.gateway.edxml.EdxmlException;
import vn.lienthong.gateway.edxml.EdxmlParser;
import vn.lienthong.gateway.error.GatewayException;
import vn.lienthong.gateway.support.SecureXml;
import vn.lienthong.gateway.support.XmlSchemas;

/**
 * Issue 8 part 7: whatever bytes arrive, each reader either accepts them or refuses them with its own error
 * (EdxmlException, a 4xx GatewayException, a SAXException); any other exception, a 5xx code, a hang or an
 * out-of-memory is a finding. Findings are kept as regression inputs next to this class's seeds.
 */
class UntrustedInputFuzzTest {

    private static final JsonContracts CONTRACTS = new JsonContracts(new GatewayProperties(Path.of("data"),
            new GatewayProperties.CatalogDir(Path.of("config")), new GatewayProperties.SchemasDir(Path.of("schemas"))));
    private static final Schema DOSSIER_STATUS = XmlSchemas.load(Path.of("schemas/xsd/dossier-status.xsd"));
    private static final Schema DOCUMENT_STATUS = XmlSchemas.load(Path.of("schemas/xsd/document-status.xsd"));

    @FuzzTest(maxDuration = "20s")
    void edxmlParser(byte[] data) {
        try {
            new EdxmlParser().parse(new ByteArrayInputStream(data));
        } catch (EdxmlException refused) {
            // the parser's own refusal: what every hostile package must get
        }
    }

    @FuzzTest(maxDuration = "20s")
    void dossierValidation(byte[] data) {
        try {
            CONTRACTS.read(data, JsonContract.DOSSIER);
        } catch (GatewayException refused) {
            if (refused.code().httpStatus() >= 500) {
                throw refused;
            }
        }
    }

    @FuzzTest(maxDuration = "20s")
    void statusFileReader(byte[] data) {
        try {
            var document = SecureXml.parse(data);
            XmlSchemas.problems(DOSSIER_STATUS, document.getDocumentElement());
            XmlSchemas.problems(DOCUMENT_STATUS, document.getDocumentElement());
        } catch (SAXException refused) {
            // not XML, hostile, too deep or too many elements: the reader's refusal
        }
    }
}
