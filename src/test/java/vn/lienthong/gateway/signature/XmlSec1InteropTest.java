package vn.lienthong.gateway.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.Transform;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import vn.lienthong.gateway.ExternalTool;

/** The gateway's XMLDSig and xmlsec1 (libxmlsec1, OpenSSL) accept each other's signatures on a real edXML sample and both reject a one-byte change. */
class XmlSec1InteropTest {

    private static final String DS = XmlSignatureVerifier.XMLDSIG_NS;
    private static final String SUBJECT = "<edXML:Subject>";

    @TempDir
    static Path dir;
    private static TestPki pki;

    /** Per test, so that a machine without the tool reports each test skipped with the reason (CI fails instead). */
    @BeforeEach
    void toolInstalled() {
        ExternalTool.require("xmlsec1", "xmlsec1");
    }

    @BeforeAll
    static void writeKeys() {
        pki = TestPki.create();
        KeyMaterial.writePem(dir.resolve("ca.pem"), pki.ca.certificate());
        KeyMaterial.writePem(dir.resolve("key.pem"), pki.agency.privateKey());
        KeyMaterial.writePem(dir.resolve("cert.pem"), pki.agency.certificate());
    }

    @Test
    void xmlsec1VerifiesAPackageSignedByTheGatewayAndRejectsAChangedSubject() throws Exception {
        byte[] signed = new XmlSigner(pki.agency).sign(TestPki.resource("edoc_new.edxml"));
        Files.write(dir.resolve("gateway-signed.edxml"), signed);
        Files.write(dir.resolve("gateway-signed-changed.edxml"), TestPki.changeByteAfter(signed, SUBJECT));

        ExternalTool.Result valid = ExternalTool.run(dir, "xmlsec1", "--verify", "--trusted-pem", "ca.pem", "gateway-signed.edxml");
        ExternalTool.Result changed = ExternalTool.run(dir, "xmlsec1", "--verify", "--trusted-pem", "ca.pem", "gateway-signed-changed.edxml");

        assertThat(valid.exitCode()).as(valid.toString()).isZero();
        assertThat(valid.output()).as(valid.toString()).contains("OK", "SignedInfo References (ok/all): 1/1");
        assertThat(changed.exitCode()).as(changed.toString()).isNotZero();
        assertThat(changed.output()).as(changed.toString()).contains("FAIL", "data and digest do not match");
    }

    @Test
    void xmlsec1VerifiesAPackageSignedWhileStreamingAndRejectsAChangedSubject() throws Exception {
        // The way the gateway signs the documents it sends (any size): digested from a stream, spliced into the file.
        Path unsigned = Files.write(dir.resolve("unsigned.edxml"), TestPki.resource("edoc_new.edxml"));
        Path streamed = dir.resolve("streamed-signed.edxml");
        new XmlSigner(pki.agency).sign(unsigned, streamed);
        Files.write(dir.resolve("streamed-signed-changed.edxml"),
                TestPki.changeByteAfter(Files.readAllBytes(streamed), SUBJECT));

        ExternalTool.Result valid = ExternalTool.run(dir, "xmlsec1", "--verify", "--trusted-pem", "ca.pem", "streamed-signed.edxml");
        ExternalTool.Result changed = ExternalTool.run(dir, "xmlsec1", "--verify", "--trusted-pem", "ca.pem",
                "streamed-signed-changed.edxml");

        assertThat(valid.exitCode()).as(valid.toString()).isZero();
        assertThat(valid.output()).as(valid.toString()).contains("OK", "SignedInfo References (ok/all): 1/1");
        assertThat(changed.exitCode()).as(changed.toString()).isNotZero();
        assertThat(changed.output()).as(changed.toString()).contains("FAIL", "data and digest do not match");
    }

    @Test
    void xmlsec1DoesNotTrustTheGatewaySignatureWithAnotherCa() throws Exception {
        SigningKey otherCa = DemoKeyMaterial.createCa("CN=Other CA,C=VN", 2048, Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(86_400));
        KeyMaterial.writePem(dir.resolve("other-ca.pem"), otherCa.certificate());
        byte[] signed = new XmlSigner(pki.agency).sign(TestPki.resource("status_acceptance_03.edxml"));
        Files.write(dir.resolve("status-signed.edxml"), signed);

        ExternalTool.Result result = ExternalTool.run(dir, "xmlsec1", "--verify", "--trusted-pem", "other-ca.pem", "status-signed.edxml");

        // Proves the first test's OK really depends on the CA: the chain is checked, not just the maths.
        assertThat(result.exitCode()).as(result.toString()).isNotZero();
    }

    @Test
    void theGatewayAcceptsAPackageSignedByXmlsec1AndRejectsAChangedSubject() throws Exception {
        Document template = SignedXml.parse(TestPki.resource("edoc_new.edxml"));
        appendSignatureTemplate(template);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SignedXml.write(template, out);
        Files.write(dir.resolve("template.edxml"), out.toByteArray());

        ExternalTool.Result sign = ExternalTool.run(dir, "xmlsec1", "--sign", "--privkey-pem", "key.pem,cert.pem",
                "--output", "xmlsec1-signed.edxml", "template.edxml");
        assertThat(sign.exitCode()).as(sign.toString()).isZero();
        byte[] signed = Files.readAllBytes(dir.resolve("xmlsec1-signed.edxml"));
        XmlSignatureVerifier verifier = new XmlSignatureVerifier(pki.anchors());

        SignatureReport report = verifier.verify(signed);
        SignatureReport changed = verifier.verify(TestPki.changeByteAfter(signed, SUBJECT));

        assertThat(report.result()).as(report.toString()).isEqualTo(Verdict.VALID);
        assertThat(report.signatures().get(0).signerSubject())
                .isEqualTo(pki.agency.certificate().getSubjectX500Principal().getName());
        assertThat(changed.result()).isEqualTo(Verdict.INVALID);
        assertThat(changed.signatures().get(0).reasons())
                .containsExactly("digest of reference '' does not match: the document was changed after signing");
    }

    /** The XMLDSig template xmlsec1 fills in: same algorithms as the gateway, empty values, empty X509Data for the certificate. */
    private static void appendSignatureTemplate(Document document) {
        Element signature = ds(document, "Signature");
        Element signedInfo = child(signature, "SignedInfo");
        child(signedInfo, "CanonicalizationMethod").setAttribute("Algorithm", CanonicalizationMethod.EXCLUSIVE);
        child(signedInfo, "SignatureMethod").setAttribute("Algorithm", SignatureMethod.RSA_SHA256);
        Element reference = child(signedInfo, "Reference");
        reference.setAttribute("URI", "");
        Element transforms = child(reference, "Transforms");
        child(transforms, "Transform").setAttribute("Algorithm", Transform.ENVELOPED);
        child(transforms, "Transform").setAttribute("Algorithm", CanonicalizationMethod.EXCLUSIVE);
        child(reference, "DigestMethod").setAttribute("Algorithm", DigestMethod.SHA256);
        child(reference, "DigestValue");
        child(signature, "SignatureValue");
        child(child(signature, "KeyInfo"), "X509Data");
        document.getDocumentElement().appendChild(signature);
    }

    private static Element ds(Document document, String name) {
        return document.createElementNS(DS, "ds:" + name);
    }

    private static Element child(Element parent, String name) {
        return (Element) parent.appendChild(ds(parent.getOwnerDocument(), name));
    }
}
