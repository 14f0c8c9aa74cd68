package vn.lienthong.gateway.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.apache.jcp.xml.dsig.internal.dom.XMLDSigRI;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import vn.lienthong.gateway.process.LargePackageAxis;

/**
 * The streaming check of large packages against the DOM check, which is the reference: on the same bytes both must
 * reach the same verdict for the same reason, whether the signature sits in edXMLHeader (QCVN 102:2016) or is the
 * last child of the root (the gateway's own signer).
 */
class StreamingXmlSignatureTest {

    private static final String EDXML_NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016";
    private static final String SUBJECT = "<edXML:Subject>";

    private static TestPki pki;
    private static XmlSignatureVerifier dom;
    private static StreamingXmlSignatureVerifier streaming;
    /** Counts every signature as late: the second-reader path that large packages signed last take. */
    private static StreamingXmlSignatureVerifier secondReader;

    @TempDir
    Path folder;

    @BeforeAll
    static void keys() {
        pki = TestPki.create();
        dom = new XmlSignatureVerifier(pki.anchors());
        streaming = new StreamingXmlSignatureVerifier(pki.anchors());
        secondReader = new StreamingXmlSignatureVerifier(pki.anchors(), Clock.systemUTC(), 0);
    }

    private SignatureReport streamed(byte[] xml) throws Exception {
        return streamed(streaming, xml);
    }

    private SignatureReport streamed(StreamingXmlSignatureVerifier verifier, byte[] xml) throws Exception {
        Path file = Files.createTempFile(folder, "package-", ".edxml");
        Files.write(file, xml);
        return verifier.verify(file);
    }

    /** Both checks agree on the verdict and say the same first thing about it. */
    private SignatureReport agree(byte[] xml) throws Exception {
        return agree(streaming, xml);
    }

    private SignatureReport agree(StreamingXmlSignatureVerifier verifier, byte[] xml) throws Exception {
        SignatureReport expected = dom.verify(xml);
        SignatureReport actual = streamed(verifier, xml);
        assertThat(actual.result()).isEqualTo(expected.result());
        assertThat(actual.signatures()).hasSameSizeAs(expected.signatures());
        for (int i = 0; i < expected.signatures().size(); i++) {
            SignatureEntry e = expected.signatures().get(i);
            SignatureEntry a = actual.signatures().get(i);
            assertThat(a.result()).isEqualTo(e.result());
            assertThat(a.integrityIntact()).isEqualTo(e.integrityIntact());
            assertThat(a.signerSubject()).isEqualTo(e.signerSubject());
            assertThat(a.trusted()).isEqualTo(e.trusted());
            assertThat(a.reasons()).isEqualTo(e.reasons());
            assertThat(a.notes()).contains(StreamingXmlSignatureVerifier.STREAMED_NOTE);
        }
        return actual;
    }

    @Test
    void aPackageSignedInItsHeaderIsValidAndSaysWhoSigned() throws Exception {
        SignatureReport report = agree(signInHeader(TestPki.resource("edoc_new.edxml"), pki.agency));

        assertThat(report.result()).isEqualTo(Verdict.VALID);
        SignatureEntry entry = report.signatures().get(0);
        assertThat(entry.signerSubject()).isEqualTo(pki.agency.certificate().getSubjectX500Principal().getName());
        assertThat(entry.trusted()).isTrue();
        assertThat(entry.signedScope()).isEqualTo("whole document");
        assertThat(entry.certificateChain()).hasSize(2);
    }

    @Test
    void aPackageSignedByTheGatewayItselfSignatureLastIsValid() throws Exception {
        byte[] signed = new XmlSigner(pki.agency).sign(TestPki.resource("edoc_new.edxml"));

        assertThat(agree(signed).result()).isEqualTo(Verdict.VALID);
        assertThat(agree(secondReader, signed).result()).isEqualTo(Verdict.VALID);
    }

    @Test
    void theLargePackagesOfTheTestsAndTheBenchmarkAreValidForBothChecks() throws Exception {
        // LargePackageAxis signs by the digest of the canonical bytes it writes: both checks must agree it is valid.
        Path file = folder.resolve("large.edxml");
        LargePackageAxis.write(file, 2, pki.agency);

        SignatureReport report = agree(secondReader, Files.readAllBytes(file));

        assertThat(report.result()).isEqualTo(Verdict.VALID);
        assertThat(agree(Files.readAllBytes(file)).result()).isEqualTo(Verdict.VALID);
    }

    @Test
    void aLateSignatureInsideAnElementIsNotGuessedAt() throws Exception {
        SignatureReport report = streamed(secondReader, signInHeader(TestPki.resource("edoc_new.edxml"),
                pki.agency));

        assertThat(report.result()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(report.signatures().get(0).reasons().get(0)).contains("inside an element");
    }

    @Test
    void oneChangedByteAfterSigningIsInvalidWhereverTheSignatureIs() throws Exception {
        byte[] header = TestPki.changeByteAfter(signInHeader(TestPki.resource("edoc_new.edxml"), pki.agency), SUBJECT);
        byte[] last = TestPki.changeByteAfter(new XmlSigner(pki.agency).sign(TestPki.resource("edoc_new.edxml")),
                SUBJECT);

        for (byte[] tampered : List.of(header, last)) {
            SignatureReport report = agree(tampered);
            assertThat(report.result()).isEqualTo(Verdict.INVALID);
            assertThat(report.signatures().get(0).reasons().get(0)).startsWith("digest of reference ''");
        }
        assertThat(agree(secondReader, last).result()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void aChangedAttachmentByteIsCaughtAtTheEndOfTheStream() throws Exception {
        byte[] signed = signInHeader(TestPki.resource("edoc_new.edxml"), pki.agency);
        byte[] tampered = TestPki.changeByteAfter(signed, "<edXML:ContentTransferEncoded xmlns:edXML=\"" + EDXML_NS + "\">");

        SignatureReport report = agree(tampered);

        assertThat(report.result()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void aChangedSignatureValueDoesNotVerify() throws Exception {
        byte[] signed = signInHeader(TestPki.resource("edoc_new.edxml"), pki.agency);
        byte[] tampered = TestPki.changeByteAfter(signed, "<ds:SignatureValue>");

        SignatureReport report = agree(tampered);

        assertThat(report.result()).isEqualTo(Verdict.INVALID);
        assertThat(report.signatures().get(0).reasons().get(0)).startsWith("signature value does not verify");
    }

    @Test
    void aSignerWithoutAPathToATrustAnchorIsIndeterminate() throws Exception {
        SignatureReport report = agree(signInHeader(TestPki.resource("edoc_new.edxml"), TestPki.create().agency));

        assertThat(report.result()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(report.signatures().get(0).integrityIntact()).isTrue();
    }

    @Test
    void sha1IsInvalidEvenWhenTheMathsChecksOut() throws Exception {
        byte[] signed = sign(TestPki.resource("edoc_new.edxml"), pki.agency, "edXMLHeader",
                "http://www.w3.org/2000/09/xmldsig#rsa-sha1", DigestMethod.SHA1);

        SignatureReport report = agree(signed);

        assertThat(report.result()).isEqualTo(Verdict.INVALID);
        assertThat(report.signatures().get(0).reasons()).anyMatch(r -> r.contains("SHA-1"));
    }

    @Test
    void theSamplesNamespacelessSignatureIsNoSignature() throws Exception {
        SignatureReport report = agree(TestPki.resource("edoc_new.edxml"));

        assertThat(report.result()).isEqualTo(Verdict.NOT_SIGNED);
        assertThat(report.reasons()).isEqualTo(dom.verify(TestPki.resource("edoc_new.edxml")).reasons());
    }

    @Test
    void twoSignaturesAreNotGuessedAt() throws Exception {
        byte[] twice = signInHeader(new XmlSigner(pki.agency).sign(TestPki.resource("edoc_new.edxml")), pki.agency);

        SignatureReport report = streamed(twice);

        assertThat(report.result()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(report.signatures()).hasSize(2).allSatisfy(entry -> assertThat(entry.reasons().get(0))
                .contains("handles one signature per package"));
    }

    @Test
    void aReferenceWithoutItsDigestMethodIsInvalidNeverValid() throws Exception {
        String signed = new String(signInHeader(TestPki.resource("edoc_new.edxml"), pki.agency),
                StandardCharsets.UTF_8);
        byte[] broken = signed.replaceFirst("<ds:DigestMethod [^>]*/>", "").getBytes(StandardCharsets.UTF_8);

        SignatureReport report = streamed(broken);

        assertThat(report.result()).isEqualTo(Verdict.INVALID);
        assertThat(report.signatures().get(0).reasons()).anyMatch(r -> r.contains("no DigestMethod"));
        assertThat(dom.verify(broken).result()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void hostileXmlIsRefusedBeforeAnyEntityIsRead() {
        byte[] xxe = ("<?xml version=\"1.0\"?><!DOCTYPE edXML [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<edXML xmlns=\"" + EDXML_NS + "\">&x;</edXML>").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> streamed(xxe)).isInstanceOf(UnreadableDocumentException.class);
    }

    private static byte[] signInHeader(byte[] xml, SigningKey key) throws Exception {
        return sign(xml, key, "edXMLHeader", SignatureMethod.RSA_SHA256, DigestMethod.SHA256);
    }

    /** Signs the whole document (URI="", enveloped, exclusive c14n) with the Signature appended to {@code parent}. */
    private static byte[] sign(byte[] xml, SigningKey key, String parent, String signatureMethod, String digestMethod)
            throws Exception {
        Document document = SignedXml.parse(xml);
        Element where = (Element) document.getElementsByTagNameNS(EDXML_NS, parent).item(0);
        XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM", new XMLDSigRI());
        KeyInfoFactory keyInfo = factory.getKeyInfoFactory();
        DOMSignContext context = new DOMSignContext(key.privateKey(), where);
        context.setDefaultNamespacePrefix("ds");
        factory.newXMLSignature(
                factory.newSignedInfo(
                        factory.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE,
                                (C14NMethodParameterSpec) null),
                        factory.newSignatureMethod(signatureMethod, null),
                        List.of(factory.newReference("", factory.newDigestMethod(digestMethod, null),
                                List.of(factory.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                                        factory.newTransform(CanonicalizationMethod.EXCLUSIVE,
                                                (TransformParameterSpec) null)), null, null))),
                keyInfo.newKeyInfo(List.of(keyInfo.newX509Data(key.chain()))))
                .sign(context);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TransformerFactory.newDefaultInstance().newTransformer().transform(new DOMSource(document),
                new StreamResult(out));
        return out.toByteArray();
    }
}
