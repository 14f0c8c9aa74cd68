package vn.lienthong.gateway.signature;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;

import org.apache.jcp.xml.dsig.internal.dom.XMLDSigRI;
import org.w3c.dom.Document;

import vn.lienthong.gateway.support.SecureXml;

/**
 * Signs an edXML package (gói tin edXML) with an enveloped XMLDSig signature over the whole document:
 * Reference URI="", transforms enveloped-signature + exclusive C14N, SHA-256 digest, RSA-SHA256 (or
 * ECDSA-SHA256 for EC keys), and the signer's certificates in KeyInfo/X509Data. The ds:Signature
 * element is appended as the last child of the root element.
 */
public final class XmlSigner {

    static final String ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";

    private final SigningKey key;
    private final XMLSignatureFactory factory;

    public XmlSigner(SigningKey key) {
        this.key = key;
        // Santuario's provider explicitly, so behaviour does not depend on which JDK ships which XMLDSig version.
        this.factory = XMLSignatureFactory.getInstance("DOM", new XMLDSigRI());
    }

    /** Signs the document in place: a ds:Signature element is appended to its root element. */
    public void sign(Document document) {
        sign(document, factory -> factory.newReference("", factory.newDigestMethod(DigestMethod.SHA256, null),
                transforms(factory), null, null));
    }

    /**
     * Signs the package in {@code unsigned} into {@code signed} without holding it in memory, for packages of any
     * size: the same signature as {@link #sign(Document)} (enveloped, exclusive C14N, the last child of the root).
     * The document's digest is taken from its exclusive canonical form, produced while the file is read (Santuario's
     * streaming canonicaliser); only the small SignedInfo is then signed, and the signature is written into a copy of
     * the file just before the root's end tag. What comes before and after it is the file byte for byte, so the
     * enveloped-signature transform gives back exactly what was digested.
     */
    public void sign(Path unsigned, Path signed) {
        StreamedDigest digest = StreamedDigest.of(unsigned);
        Document holder = SecureXml.newDocument();
        holder.appendChild(holder.createElementNS("urn:lienthong:signature-holder", "holder"));
        sign(holder, factory -> factory.newReference("", factory.newDigestMethod(DigestMethod.SHA256, null),
                transforms(factory), null, null, digest.sha256()));
        byte[] signature = SignedXml.fragment(holder.getDocumentElement().getFirstChild());
        try (FileChannel in = FileChannel.open(unsigned, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(signed, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            long size = in.size();
            long rootEnd = digest.rootEndOffset();
            for (long done = 0; done < rootEnd; ) {
                done += in.transferTo(done, rootEnd - done, out);
            }
            out.write(java.nio.ByteBuffer.wrap(signature));
            for (long done = rootEnd; done < size; ) {
                done += in.transferTo(done, size - done, out);
            }
        } catch (IOException e) {
            throw new SigningFailedException("cannot write the signed package " + signed + ": " + e.getMessage(), e);
        }
    }

    private interface ReferenceMaker {
        Reference make(XMLSignatureFactory factory) throws GeneralSecurityException;
    }

    private static List<Transform> transforms(XMLSignatureFactory factory) throws GeneralSecurityException {
        // Exclusive C14N: the digest does not depend on namespace declarations of an enclosing
        // envelope, so a package stays verifiable when a transport wraps it (and xmlsec1 agrees).
        return List.of(
                factory.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                factory.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null));
    }

    private void sign(Document document, ReferenceMaker wholeDocument) {
        try {
            SignedInfo signedInfo = factory.newSignedInfo(
                    factory.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                    factory.newSignatureMethod(signatureMethod(), null),
                    List.of(wholeDocument.make(factory)));
            KeyInfoFactory keyInfoFactory = factory.getKeyInfoFactory();
            KeyInfo keyInfo = keyInfoFactory.newKeyInfo(List.of(keyInfoFactory.newX509Data(certificatesToShip())));
            XMLSignature signature = factory.newXMLSignature(signedInfo, keyInfo);
            DOMSignContext context = new DOMSignContext(key.privateKey(), document.getDocumentElement());
            context.setDefaultNamespacePrefix("ds");
            signature.sign(context);
        } catch (GeneralSecurityException | MarshalException | XMLSignatureException e) {
            throw new SigningFailedException("cannot sign XML document with " + key + ": " + e.getMessage(), e);
        }
    }

    /** Parses {@code xml} securely, signs it and returns the signed document as UTF-8 bytes. */
    public byte[] sign(byte[] xml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(xml.length + 4096);
        Document document = SignedXml.parse(xml);
        sign(document);
        SignedXml.write(document, out);
        return out.toByteArray();
    }

    /** Reads a document from {@code in}, signs it and writes it to {@code out}; neither stream is closed. */
    public void sign(InputStream in, OutputStream out) {
        Document document = SignedXml.parse(in);
        sign(document);
        SignedXml.write(document, out);
    }

    private String signatureMethod() {
        return switch (key.privateKey().getAlgorithm()) {
            case "RSA" -> SignatureMethod.RSA_SHA256;
            case "EC" -> ECDSA_SHA256;
            default -> throw new SigningFailedException("unsupported signing key algorithm " + key.privateKey().getAlgorithm()
                    + " (RSA or EC expected)", null);
        };
    }

    private List<X509Certificate> certificatesToShip() {
        // Signer and intermediates; a self-signed root is left out because verifiers must take
        // roots from their own trust store, never from the message.
        List<X509Certificate> certificates = new ArrayList<>();
        for (X509Certificate certificate : key.chain()) {
            boolean selfSigned = certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
            if (certificates.isEmpty() || !selfSigned) {
                certificates.add(certificate);
            }
        }
        return certificates;
    }
}
