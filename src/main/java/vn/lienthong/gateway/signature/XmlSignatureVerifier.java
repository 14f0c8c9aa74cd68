package vn.lienthong.gateway.signature;

import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.crypto.KeySelector;
import javax.xml.crypto.KeySelectorException;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.X509Data;

import org.apache.jcp.xml.dsig.internal.dom.XMLDSigRI;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Verifies the XMLDSig signatures of an edXML package and says what it found in a {@link SignatureReport}.
 * Strict by design: secure validation on, SHA-1 and non-canonicalising transforms rejected, and only
 * same-document references to the whole document or to an element with a unique Id attribute, so a
 * signature cannot be "wrapped" around content other than what the gateway processes.
 */
public final class XmlSignatureVerifier {

    /** Namespace of XMLDSig; a Signature element outside it is not a signature. */
    public static final String XMLDSIG_NS = XMLSignature.XMLNS;
    static final String NOT_XMLDSIG_REASON =
            "Signature element is not an XMLDSig signature (no " + XMLDSIG_NS + " namespace)";
    private static final String XADES_NS = XmlSignaturePolicy.XADES_NS;
    private static final String SECURE_VALIDATION = "org.apache.jcp.xml.dsig.secureValidation";
    private static final List<String> ID_ATTRIBUTES = XmlSignaturePolicy.ID_ATTRIBUTES;

    /** For steps that must not verify a signature value (reading, digests): any key request fails. */
    private static final KeySelector NO_KEY = new KeySelector() {
        @Override
        public KeySelectorResult select(KeyInfo keyInfo, Purpose purpose, javax.xml.crypto.AlgorithmMethod method,
                javax.xml.crypto.XMLCryptoContext context) throws KeySelectorException {
            throw new KeySelectorException("no key is selected in this step");
        }
    };

    private final TrustAnchors trustAnchors;
    private final Clock clock;
    private final XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM", new XMLDSigRI());

    public XmlSignatureVerifier(TrustAnchors trustAnchors) {
        this(trustAnchors, Clock.systemUTC());
    }

    /** With a clock, so certificate validity can be judged at a chosen moment. */
    public XmlSignatureVerifier(TrustAnchors trustAnchors, Clock clock) {
        this.trustAnchors = trustAnchors;
        this.clock = clock;
    }

    /**
     * Parses the package securely and verifies it.
     *
     * @throws UnreadableDocumentException when the bytes are not safe, well-formed XML (DOCTYPE, entities, ...)
     */
    public SignatureReport verify(byte[] xml) {
        return verify(SignedXml.parse(xml));
    }

    /** As {@link #verify(byte[])}, reading from a stream it does not close. */
    public SignatureReport verify(InputStream xml) {
        return verify(SignedXml.parse(xml));
    }

    /** Verifies an already parsed, namespace-aware document; the document is not changed except for Id registration. */
    public SignatureReport verify(Document document) {
        Instant now = clock.instant();
        List<Element> signatures = new ArrayList<>();
        List<Element> lookalikes = new ArrayList<>();
        NodeList all = document.getElementsByTagNameNS("*", "Signature");
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            (XMLDSIG_NS.equals(element.getNamespaceURI()) ? signatures : lookalikes).add(element);
        }
        List<String> reasons = new ArrayList<>();
        for (Element lookalike : lookalikes) {
            reasons.add(NOT_XMLDSIG_REASON + " at " + path(lookalike));
        }
        if (signatures.isEmpty() && lookalikes.isEmpty()) {
            reasons.add("the document has no Signature element");
        }
        Map<String, List<Element>> ids = collectIds(document);
        List<SignatureEntry> entries = new ArrayList<>();
        for (int i = 0; i < signatures.size(); i++) {
            entries.add(verifyOne(signatures.get(i), i + 1, document, ids, now));
        }
        return SignatureReport.of("XML", entries, reasons, now, trustAnchors.checksRevocation());
    }

    private SignatureEntry verifyOne(Element signatureElement, int position, Document document, Map<String, List<Element>> ids, Instant now) {
        String id = signatureElement.hasAttribute("Id") ? signatureElement.getAttribute("Id") : "signature-" + position;
        EntryDraft draft = new EntryDraft(id, "XMLDSig");
        draft.note(trustAnchors.checksRevocation() ? EntryDraft.REVOCATION_CHECKED_NOTE : EntryDraft.REVOCATION_NOTE);

        XMLSignature signature;
        try {
            signature = factory.unmarshalXMLSignature(context(NO_KEY, signatureElement, ids));
        } catch (MarshalException e) {
            draft.invalid("signature cannot be read: " + e.getMessage());
            return draft.build();
        }
        draft.signatureAlgorithm = signature.getSignedInfo().getSignatureMethod().getAlgorithm();
        if (!checkAlgorithmsAndReferences(signature, signatureElement, document, ids, draft)) {
            return draft.build();
        }
        draft.signingTime = claimedSigningTime(signatureElement, draft);

        List<X509Certificate> certificates = certificatesIn(signature.getKeyInfo());
        X509Certificate signer = null;
        for (X509Certificate candidate : leavesFirst(certificates)) {
            if (signatureValueVerifies(signatureElement, ids, candidate)) {
                signer = candidate;
                break;
            }
        }
        boolean referencesIntact = referencesVerify(signature, signatureElement, ids, draft);
        if (certificates.isEmpty()) {
            draft.indeterminate("no signer certificate in KeyInfo/X509Data: cannot tell who signed or check the signature value");
        } else {
            XmlSignaturePolicy.signer(draft, signer, certificates, referencesIntact, trustAnchors, now);
        }
        return draft.build();
    }

    /** Enforces the algorithm and reference policy; false when the signature must not be evaluated further. */
    private boolean checkAlgorithmsAndReferences(XMLSignature signature, Element signatureElement, Document document,
            Map<String, List<Element>> ids, EntryDraft draft) {
        boolean acceptable = XmlSignaturePolicy.canonicalization(
                signature.getSignedInfo().getCanonicalizationMethod().getAlgorithm(), draft);
        acceptable &= XmlSignaturePolicy.signatureMethod(draft.signatureAlgorithm, draft);
        boolean coversDocument = false;
        Set<String> scopes = new LinkedHashSet<>();
        for (Object item : signature.getSignedInfo().getReferences()) {
            Reference reference = (Reference) item;
            String uri = reference.getURI() == null ? "" : reference.getURI();
            acceptable &= XmlSignaturePolicy.digestMethod(uri, reference.getDigestMethod().getAlgorithm(), draft);
            for (Object transform : reference.getTransforms()) {
                acceptable &= XmlSignaturePolicy.transform(uri, ((Transform) transform).getAlgorithm(), draft);
            }
            if (uri.isEmpty()) {
                coversDocument = true;
                scopes.add("whole document");
            } else if (!XmlSignaturePolicy.sameDocument(uri, draft)) {
                acceptable = false;
            } else {
                List<Element> targets = ids.getOrDefault(uri.substring(1), List.of());
                if (targets.size() != 1) {
                    draft.invalid("reference '" + uri + "' must point to exactly one element with that Id attribute, found "
                            + targets.size() + " (possible signature wrapping)");
                    acceptable = false;
                } else if (targets.get(0) == document.getDocumentElement()) {
                    coversDocument = true;
                    scopes.add("whole document");
                } else if (!isInsideSignature(targets.get(0), signatureElement)) {
                    scopes.add("element " + path(targets.get(0)));
                }
            }
        }
        draft.signedScope = String.join(", ", scopes);
        if (acceptable && !coversDocument) {
            draft.indeterminate("signature covers only " + draft.signedScope + ", not the whole package");
        }
        return acceptable;
    }

    private boolean referencesVerify(XMLSignature signature, Element signatureElement, Map<String, List<Element>> ids, EntryDraft draft) {
        boolean intact = true;
        DOMValidateContext context = context(NO_KEY, signatureElement, ids);
        for (Object item : signature.getSignedInfo().getReferences()) {
            Reference reference = (Reference) item;
            String uri = reference.getURI() == null ? "" : reference.getURI();
            try {
                if (!reference.validate(context)) {
                    draft.invalid("digest of reference '" + uri + "' does not match: the document was changed after signing");
                    intact = false;
                }
            } catch (XMLSignatureException e) {
                draft.invalid("reference '" + uri + "' cannot be processed: " + e.getMessage());
                intact = false;
            }
        }
        return intact;
    }

    private boolean signatureValueVerifies(Element signatureElement, Map<String, List<Element>> ids, X509Certificate candidate) {
        try {
            DOMValidateContext context = context(KeySelector.singletonKeySelector(candidate.getPublicKey()), signatureElement, ids);
            XMLSignature signature = factory.unmarshalXMLSignature(context);
            return signature.getSignatureValue().validate(context);
        } catch (MarshalException | XMLSignatureException e) {
            return false;
        }
    }

    private DOMValidateContext context(KeySelector keySelector, Element signatureElement, Map<String, List<Element>> ids) {
        DOMValidateContext context = new DOMValidateContext(keySelector, signatureElement);
        context.setProperty(SECURE_VALIDATION, Boolean.TRUE);
        for (Map.Entry<String, List<Element>> id : ids.entrySet()) {
            // Only unique Ids are registered: a duplicated Id is how wrapping attacks smuggle a second element in.
            if (id.getValue().size() == 1) {
                Element element = id.getValue().get(0);
                for (String name : ID_ATTRIBUTES) {
                    if (id.getKey().equals(element.getAttributeNS(null, name)) && element.hasAttributeNS(null, name)) {
                        context.setIdAttributeNS(element, null, name);
                    }
                }
            }
        }
        return context;
    }

    private static Map<String, List<Element>> collectIds(Document document) {
        Map<String, List<Element>> ids = new HashMap<>();
        NodeList elements = document.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < elements.getLength(); i++) {
            Element element = (Element) elements.item(i);
            NamedNodeMap attributes = element.getAttributes();
            for (int a = 0; a < attributes.getLength(); a++) {
                Attr attribute = (Attr) attributes.item(a);
                String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
                if (attribute.getNamespaceURI() == null && ID_ATTRIBUTES.contains(name)) {
                    ids.computeIfAbsent(attribute.getValue(), key -> new ArrayList<>()).add(element);
                }
            }
        }
        return ids;
    }

    private static List<X509Certificate> certificatesIn(KeyInfo keyInfo) {
        List<X509Certificate> certificates = new ArrayList<>();
        if (keyInfo == null) {
            return certificates;
        }
        for (Object item : keyInfo.getContent()) {
            if (item instanceof X509Data data) {
                for (Object content : data.getContent()) {
                    if (content instanceof X509Certificate certificate) {
                        certificates.add(certificate);
                    }
                }
            }
        }
        return certificates;
    }

    /** Certificates that issued none of the others first: that is where the signer is. */
    static List<X509Certificate> leavesFirst(List<X509Certificate> certificates) {
        List<X509Certificate> leaves = new ArrayList<>();
        List<X509Certificate> issuers = new ArrayList<>();
        for (X509Certificate certificate : certificates) {
            boolean issuesAnother = certificates.stream().anyMatch(other -> other != certificate
                    && other.getIssuerX500Principal().equals(certificate.getSubjectX500Principal()));
            (issuesAnother ? issuers : leaves).add(certificate);
        }
        leaves.addAll(issuers);
        return leaves;
    }

    private static Instant claimedSigningTime(Element signatureElement, EntryDraft draft) {
        NodeList times = signatureElement.getElementsByTagNameNS(XADES_NS, "SigningTime");
        return XmlSignaturePolicy.signingTime(times.getLength() == 0 ? null : times.item(0).getTextContent(), draft);
    }

    private static boolean isInsideSignature(Node node, Element signatureElement) {
        for (Node current = node; current != null; current = current.getParentNode()) {
            if (current == signatureElement) {
                return true;
            }
        }
        return false;
    }

    private static String path(Node node) {
        StringBuilder path = new StringBuilder();
        for (Node current = node; current != null && current.getNodeType() == Node.ELEMENT_NODE; current = current.getParentNode()) {
            path.insert(0, "/" + current.getNodeName());
        }
        return path.toString();
    }
}
