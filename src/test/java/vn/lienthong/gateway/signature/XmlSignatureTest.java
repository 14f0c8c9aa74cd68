package vn.lienthong.gateway.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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

import org.apache.jcp.xml.dsig.internal.dom.XMLDSigRI;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** XmlSigner and XmlSignatureVerifier on the real edXML samples: valid, tampered, untrusted, weak, hostile and wrapped packages. */
class XmlSignatureTest {

    private static final String EDXML_NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016";
    private static final String SUBJECT = "<edXML:Subject>";

    private static TestPki pki;
    private static XmlSignatureVerifier verifier;
    private static byte[] signedSample;

    @BeforeAll
    static void signOnce() {
        pki = TestPki.create();
        verifier = new XmlSignatureVerifier(pki.anchors());
        signedSample = new XmlSigner(pki.agency).sign(TestPki.resource("edoc_new.edxml"));
    }

    @Test
    void packageSignedByTheGatewayIsValidAndSaysWhoSigned() {
        SignatureReport report = verifier.verify(signedSample);

        assertThat(report.result()).isEqualTo(Verdict.VALID);
        assertThat(report.documentType()).isEqualTo("XML");
        assertThat(report.revocationChecked()).isFalse();
        SignatureEntry entry = report.signatures().get(0);
        assertThat(entry.result()).isEqualTo(Verdict.VALID);
        assertThat(entry.reasons()).isEmpty();
        assertThat(entry.integrityIntact()).isTrue();
        assertThat(entry.trusted()).isTrue();
        assertThat(entry.signedScope()).isEqualTo("whole document");
        assertThat(entry.signatureAlgorithm()).isEqualTo(SignatureMethod.RSA_SHA256);
        assertThat(entry.signerSubject()).isEqualTo(pki.agency.certificate().getSubjectX500Principal().getName());
        assertThat(entry.signerIssuer()).isEqualTo(pki.ca.certificate().getSubjectX500Principal().getName());
        assertThat(entry.signerSerialNumber()).isEqualTo(pki.agency.certificate().getSerialNumber().toString(16));
        assertThat(entry.certificateChain()).containsExactly(entry.signerSubject(), entry.signerIssuer());
        assertThat(entry.notes()).contains("revocation (CRL/OCSP) was not checked");
        // The sample's own namespace-less Signature stays in the package and is named as not a signature.
        assertThat(report.reasons()).singleElement().asString().startsWith(XmlSignatureVerifier.NOT_XMLDSIG_REASON);
    }

    @Test
    void signatureIsTheLastChildOfTheRootElementAndUsesTheDocumentedAlgorithms() {
        Document document = SignedXml.parse(signedSample);
        Element root = document.getDocumentElement();
        Node last = root.getLastChild();

        assertThat(last).isInstanceOf(Element.class);
        assertThat(last.getNamespaceURI()).isEqualTo(XmlSignatureVerifier.XMLDSIG_NS);
        assertThat(last.getLocalName()).isEqualTo("Signature");
        String signature = new String(signedSample, StandardCharsets.UTF_8);
        assertThat(signature).contains("Reference URI=\"\"", Transform.ENVELOPED, CanonicalizationMethod.EXCLUSIVE,
                DigestMethod.SHA256, "<ds:X509Certificate>");
        // Only the signer certificate travels; the root comes from the verifier's own trust anchors.
        assertThat(document.getElementsByTagNameNS(XmlSignatureVerifier.XMLDSIG_NS, "X509Certificate").getLength()).isEqualTo(1);
    }

    @Test
    void oneChangedByteInTheSubjectMakesThePackageInvalid() {
        byte[] tampered = TestPki.changeByteAfter(signedSample, SUBJECT);

        SignatureReport report = verifier.verify(tampered);

        assertThat(report.result()).isEqualTo(Verdict.INVALID);
        SignatureEntry entry = report.signatures().get(0);
        assertThat(entry.integrityIntact()).isFalse();
        assertThat(entry.reasons()).containsExactly("digest of reference '' does not match: the document was changed after signing");
    }

    @Test
    void changedSignatureValueIsInvalid() {
        Document document = SignedXml.parse(signedSample);
        Node value = document.getElementsByTagNameNS(XmlSignatureVerifier.XMLDSIG_NS, "SignatureValue").item(0);
        String text = value.getTextContent().trim();
        value.setTextContent((text.charAt(0) == 'A' ? "B" : "A") + text.substring(1));

        SignatureReport report = verifier.verify(document);

        assertThat(report.result()).isEqualTo(Verdict.INVALID);
        assertThat(report.signatures().get(0).reasons()).singleElement().asString()
                .startsWith("signature value does not verify with the certificate(s) in KeyInfo");
    }

    @Test
    void signingWorksOnADomDocumentAndOnStreams() {
        Document document = SignedXml.parse(TestPki.resource("status_acceptance_03.edxml"));
        new XmlSigner(pki.agency).sign(document);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new XmlSigner(pki.agency).sign(new ByteArrayInputStream(TestPki.resource("status_finish_06.edxml")), out);

        assertThat(verifier.verify(document).result()).isEqualTo(Verdict.VALID);
        assertThat(verifier.verify(new ByteArrayInputStream(out.toByteArray())).result()).isEqualTo(Verdict.VALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"edoc_new.edxml", "edoc_revocation.edxml"})
    void samplesWithANamespacelessSignatureElementAreNotSigned(String sample) {
        SignatureReport report = verifier.verify(TestPki.resource(sample));

        assertThat(report.result()).isEqualTo(Verdict.NOT_SIGNED);
        assertThat(report.signatures()).isEmpty();
        assertThat(report.reasons()).containsExactly(
                "Signature element is not an XMLDSig signature (no http://www.w3.org/2000/09/xmldsig# namespace)"
                        + " at /edXML/edXML:edXMLEnvelope/edXML:edXMLHeader/Signature");
    }

    @ParameterizedTest
    @ValueSource(strings = {"status_acceptance_03.edxml", "status_finish_06.edxml"})
    void samplesWithoutAnySignatureElementAreNotSigned(String sample) {
        SignatureReport report = verifier.verify(TestPki.resource(sample));

        assertThat(report.result()).isEqualTo(Verdict.NOT_SIGNED);
        assertThat(report.reasons()).containsExactly("the document has no Signature element");
    }

    @Test
    void signerWithoutAPathToATrustAnchorIsIndeterminate() {
        SigningKey stranger = TestPki.create().agency;
        byte[] signed = new XmlSigner(stranger).sign(TestPki.resource("status_acceptance_03.edxml"));

        SignatureReport report = verifier.verify(signed);

        assertThat(report.result()).isEqualTo(Verdict.INDETERMINATE);
        SignatureEntry entry = report.signatures().get(0);
        assertThat(entry.integrityIntact()).isTrue();
        assertThat(entry.trusted()).isFalse();
        assertThat(entry.reasons()).singleElement().asString()
                .startsWith("certificate not trusted: no path to a configured trust anchor");
    }

    @Test
    void expiredSignerCertificateIsIndeterminateAndSaysWhen() {
        SigningKey expired = pki.expiredAgency();
        byte[] signed = new XmlSigner(expired).sign(TestPki.resource("status_acceptance_03.edxml"));

        SignatureReport report = verifier.verify(signed);

        assertThat(report.result()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(report.signatures().get(0).reasons()).containsExactly(
                "certificate expired on " + expired.certificate().getNotAfter().toInstant() + ": "
                        + expired.certificate().getSubjectX500Principal().getName());
    }

    @Test
    void sha1SignatureAndDigestAreInvalidEvenWhenTheMathsChecksOut() throws Exception {
        Document document = SignedXml.parse(TestPki.resource("status_acceptance_03.edxml"));
        signWith(document, SignatureMethod.RSA_SHA1, DigestMethod.SHA1, "");

        SignatureReport report = verifier.verify(document);

        assertThat(report.result()).isEqualTo(Verdict.INVALID);
        assertThat(report.signatures().get(0).reasons()).hasSize(2).allSatisfy(reason -> assertThat(reason).contains("uses SHA-1"));
    }

    @Test
    void hostileXmlWithADoctypeIsRejectedBeforeAnyEntityIsRead() {
        byte[] xxe = ("<?xml version=\"1.0\"?><!DOCTYPE edXML [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>"
                + "<edXML xmlns=\"" + EDXML_NS + "\">&secret;</edXML>").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> verifier.verify(xxe))
                .isInstanceOf(UnreadableDocumentException.class)
                .hasMessageStartingWith("XML document rejected: DOCTYPE is not allowed");
        assertThatThrownBy(() -> new XmlSigner(pki.agency).sign(xxe)).isInstanceOf(UnreadableDocumentException.class);
    }

    @Test
    void signatureOverOneElementByIdCoversOnlyThatPartAndWrappingIsCaught() throws Exception {
        Document document = SignedXml.parse(TestPki.resource("status_acceptance_03.edxml"));
        Element envelope = (Element) document.getElementsByTagNameNS(EDXML_NS, "edXMLEnvelope").item(0);
        envelope.setAttributeNS(null, "Id", "envelope");
        signWith(document, SignatureMethod.RSA_SHA256, DigestMethod.SHA256, "#envelope");

        SignatureReport partial = verifier.verify(document);

        assertThat(partial.result()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(partial.signatures().get(0).integrityIntact()).isTrue();
        assertThat(partial.signatures().get(0).reasons()).containsExactly(
                "signature covers only element /edXML/edXML:edXMLEnvelope, not the whole package");

        // Wrapping attack: the signed envelope is hidden at the end, a forged one with the same Id takes its place.
        Element forged = (Element) envelope.cloneNode(true);
        forged.getElementsByTagNameNS(EDXML_NS, "StatusCode").item(0).setTextContent("13");
        Element hiding = document.createElementNS(EDXML_NS, "Extension");
        document.getDocumentElement().replaceChild(forged, envelope);
        hiding.appendChild(envelope);
        document.getDocumentElement().appendChild(hiding);

        SignatureReport wrapped = verifier.verify(document);

        assertThat(wrapped.result()).isEqualTo(Verdict.INVALID);
        assertThat(wrapped.signatures().get(0).reasons()).containsExactly(
                "reference '#envelope' must point to exactly one element with that Id attribute, found 2 (possible signature wrapping)");
    }

    @Test
    void referencesOutsideTheDocumentAreRejectedWithoutFetchingThem() throws Exception {
        Document document = SignedXml.parse(TestPki.resource("status_acceptance_03.edxml"));
        Element envelope = (Element) document.getElementsByTagNameNS(EDXML_NS, "edXMLEnvelope").item(0);
        envelope.setAttributeNS(null, "Id", "envelope");
        signWith(document, SignatureMethod.RSA_SHA256, DigestMethod.SHA256, "#envelope");
        Element reference = (Element) document.getElementsByTagNameNS(XmlSignatureVerifier.XMLDSIG_NS, "Reference").item(0);
        reference.setAttribute("URI", "http://127.0.0.1:9/edxml");

        SignatureReport report = verifier.verify(document);

        assertThat(report.result()).isEqualTo(Verdict.INVALID);
        assertThat(report.signatures().get(0).reasons()).containsExactly(
                "reference 'http://127.0.0.1:9/edxml' points outside the document; only same-document references are accepted");
    }

    @Test
    void reportIsSerialisableToJsonAndBack() throws Exception {
        ObjectMapper json = JsonMapper.builder().findAndAddModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
        SignatureReport report = verifier.verify(TestPki.changeByteAfter(signedSample, SUBJECT));

        String text = json.writeValueAsString(report);
        JsonNode tree = json.readTree(text);

        assertThat(tree.get("result").asText()).isEqualTo("INVALID");
        assertThat(tree.get("checkedAt").asText()).isEqualTo(report.checkedAt().toString());
        assertThat(tree.at("/signatures/0/signerSubject").asText()).contains("CN=UBND Tinh Test");
        assertThat(tree.at("/signatures/0/reasons/0").asText()).startsWith("digest of reference ''");
        assertThat(json.readValue(text, SignatureReport.class)).isEqualTo(report);
    }

    /** Signs like a third-party tool might, with chosen algorithms and reference, to test what the verifier accepts. */
    private static void signWith(Document document, String signatureMethod, String digestMethod, String uri) throws Exception {
        XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM", new XMLDSigRI());
        List<Transform> transforms = uri.isEmpty()
                ? List.of(factory.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                        factory.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null))
                : List.of(factory.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null));
        KeyInfoFactory keyInfo = factory.getKeyInfoFactory();
        DOMSignContext context = new DOMSignContext(pki.agency.privateKey(), document.getDocumentElement());
        if (!uri.isEmpty()) {
            Element target = (Element) document.getElementsByTagNameNS(EDXML_NS, "edXMLEnvelope").item(0);
            context.setIdAttributeNS(target, null, "Id");
        }
        context.setDefaultNamespacePrefix("ds");
        factory.newXMLSignature(
                factory.newSignedInfo(
                        factory.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                        factory.newSignatureMethod(signatureMethod, null),
                        List.of(factory.newReference(uri, factory.newDigestMethod(digestMethod, null), transforms, null, null))),
                keyInfo.newKeyInfo(List.of(keyInfo.newX509Data(List.of(pki.agency.certificate())))))
                .sign(context);
    }
}
