package vn.lienthong.gateway.document;

import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.catalog.ConnectedSystem;
import vn.lienthong.gateway.catalog.GatewayProperties;
import vn.lienthong.gateway.catalog.Protocol;
import vn.lienthong.gateway.catalog.SystemKind;
import vn.lienthong.gateway.edxml.AttachmentSink;
import vn.lienthong.gateway.edxml.EdxmlParser;
import vn.lienthong.gateway.edxml.EdxmlSchema;
import vn.lienthong.gateway.signature.DemoKeyMaterial;
import vn.lienthong.gateway.signature.KeyMaterial;
import vn.lienthong.gateway.signature.PdfSignatureVerifier;
import vn.lienthong.gateway.signature.SigningKey;
import vn.lienthong.gateway.signature.TrustAnchors;
import vn.lienthong.gateway.signature.StreamingXmlSignatureVerifier;
import vn.lienthong.gateway.signature.XmlSignatureVerifier;
import vn.lienthong.gateway.signature.XmlSigner;

/**
 * Wires the edXML codec and the signature library for the document flows: the agency's signing key
 * (demo: created on first start under {@code data/keys/}), the trust anchors, the verifiers, the parser
 * (attachments stream to {@code data/work/edxml/}) and the XSD. A missing or wrong setting stops start-up.
 */
@NationalAxisFeature
@Configuration(proxyBeanMethods = false)
public class DocumentConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DocumentConfiguration.class);

    @Bean
    SigningKey agencySigningKey(AxisProperties properties) {
        AxisProperties.Signing signing = properties.signing();
        if (signing == null || signing.keyStore() == null) {
            throw new IllegalStateException("gateway.axis.signing.key-store is not set: the gateway cannot sign the"
                    + " documents it sends to the national document axis");
        }
        requireSecrets(properties);
        char[] password = signing.password() == null ? new char[0] : signing.password().toCharArray();
        if (signing.demoKeys()) {
            Path folder = signing.keyStore().toAbsolutePath().getParent();
            if (!DemoKeyMaterial.KEY_STORE_FILE.equals(signing.keyStore().getFileName().toString())) {
                throw new IllegalStateException("gateway.axis.signing.key-store must be named "
                        + DemoKeyMaterial.KEY_STORE_FILE + " when demo-keys is true");
            }
            SigningKey key = DemoKeyMaterial.loadOrCreate(folder, password, properties.agency().organName());
            log.warn("DEMO signing key in use ({}); never in production", signing.keyStore().toAbsolutePath());
            return key;
        }
        return KeyMaterial.loadPkcs12(signing.keyStore(), password, signing.alias());
    }

    /**
     * The document office takes JSON (rest or jms) or edXML files in a folder (file, with its statuses read from
     * its status folder); the SOAP sink maps dossiers, so soap is refused.
     */
    @Bean
    ConnectedSystem documentOffice(Catalog catalog) {
        ConnectedSystem office = catalog.systems().stream().filter(s -> s.kind() == SystemKind.DOCUMENT_OFFICE)
                .findFirst().orElseThrow(() -> new IllegalStateException("No document-office system in "
                        + "config/systems/: documents from the national document axis would have nowhere to go"));
        if (office.protocol() == Protocol.SOAP) {
            throw new IllegalStateException(office.source() + ": protocol soap is not supported for the document"
                    + " office; use rest, jms or file");
        }
        return office;
    }

    @Bean
    XmlSigner xmlSigner(SigningKey agencySigningKey) {
        return new XmlSigner(agencySigningKey);
    }

    /** Depends on the signing key, so the demo CA exists before it is loaded as trust anchor. */
    @Bean
    TrustAnchors documentTrustAnchors(AxisProperties properties, RevocationProperties revocation,
                                      SigningKey agencySigningKey) {
        if (properties.trustAnchors() == null) {
            throw new IllegalStateException("gateway.axis.trust-anchors is not set: incoming signatures cannot be"
                    + " checked (name a PEM file or a folder of CA certificates)");
        }
        TrustAnchors anchors = TrustAnchors.load(properties.trustAnchors());
        log.info("Signature trust anchors: {} certificate(s) from {}", anchors.certificates().size(),
                properties.trustAnchors().toAbsolutePath());
        List<X509CRL> crls = new ArrayList<>();
        revocation.crls().forEach(path -> crls.addAll(TrustAnchors.loadCrls(path)));
        if (revocation.ocspResponder() != null) {
            log.info("Signature revocation: OCSP responder {}", revocation.ocspResponder());
            anchors = anchors.withOcsp(new vn.lienthong.gateway.signature.OcspResponder(revocation.ocspResponder(),
                    revocation.ocspTimeout()));
        }
        if (crls.isEmpty()) {
            if (revocation.ocspResponder() == null) {
                log.warn("No CRL or OCSP responder configured (gateway.axis.revocation): signatures are checked"
                        + " without revocation");
            }
            return anchors;
        }
        log.info("Signature revocation: {} CRL(s) from {}", crls.size(), revocation.crls());
        return anchors.withCrls(crls);
    }

    @Bean
    XmlSignatureVerifier xmlSignatureVerifier(TrustAnchors documentTrustAnchors) {
        return new XmlSignatureVerifier(documentTrustAnchors);
    }

    @Bean
    StreamingXmlSignatureVerifier streamingXmlSignatureVerifier(TrustAnchors documentTrustAnchors) {
        return new StreamingXmlSignatureVerifier(documentTrustAnchors);
    }

    @Bean
    PdfSignatureVerifier pdfSignatureVerifier(TrustAnchors documentTrustAnchors) {
        return new PdfSignatureVerifier(documentTrustAnchors);
    }

    /**
     * Attachments of parsed packages go to temporary files here, deleted after each package; what an earlier run left
     * there when it stopped mid-way (an hour old or more, so a node sharing the folder by mistake keeps its work) is
     * removed now.
     */
    @Bean
    EdxmlParser edxmlParser(GatewayProperties gateway) {
        Path work = gateway.dataDir().resolve("work").resolve("edxml");
        WorkFolder.prepare(work, java.time.Instant.now().minus(java.time.Duration.ofHours(1)));
        return new EdxmlParser(AttachmentSink.tempFiles(work));
    }

    @Bean
    EdxmlSchema edxmlSchema(GatewayProperties gateway) {
        return EdxmlSchema.load(gateway.schemas().directory().resolve("edxml").resolve("edxml.xsd"));
    }

    private static void requireSecrets(AxisProperties properties) {
        if (properties.systemId() == null || properties.systemId().isBlank()
                || properties.secret() == null || properties.secret().isBlank()) {
            throw new IllegalStateException("gateway.axis.system-id and gateway.axis.secret must be set (in prod:"
                    + " NATIONAL_AXIS_SYSTEM_ID and NATIONAL_AXIS_SECRET)");
        }
        if (properties.agency() == null || properties.agency().organId() == null) {
            throw new IllegalStateException("gateway.axis.agency.organ-id must be set (in prod: GATEWAY_AGENCY_ID)");
        }
    }
}
