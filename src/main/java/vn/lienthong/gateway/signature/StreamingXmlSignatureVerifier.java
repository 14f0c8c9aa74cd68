package vn.lienthong.gateway.signature;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.stax.ext.InboundXMLSec;
import org.apache.xml.security.stax.ext.XMLSec;
import org.apache.xml.security.stax.ext.XMLSecurityProperties;

import vn.lienthong.gateway.support.SecureXml;

/**
 * Verifies the XMLDSig signature of a large edXML package while reading it from its file, so a package of
 * hundreds of megabytes is checked in a few megabytes of heap (Apache Santuario's StAX engine computes the
 * reference digest as the bytes go by). The policy is {@link XmlSignatureVerifier}'s; what streaming cannot do is
 * said in the report instead of being guessed: one signature per package, references to the whole document only,
 * and the signature placed ahead of the bulk of the content, as QCVN 102:2016 places it (in {@code edXMLHeader},
 * before the attachments), because everything before the end of the signature is held in memory.
 */
public final class StreamingXmlSignatureVerifier {

    /** How far into the package the signature may begin (everything before its end is held in memory). */
    static final long MAX_SIGNATURE_OFFSET = 4L * 1024 * 1024;
    static final String STREAMED_NOTE = "checked while streaming the package (a large package)";

    private final TrustAnchors trustAnchors;
    private final Clock clock;
    private final long maxSignatureOffset;

    public StreamingXmlSignatureVerifier(TrustAnchors trustAnchors) {
        this(trustAnchors, Clock.systemUTC(), MAX_SIGNATURE_OFFSET);
    }

    /**
     * With a clock, so certificate validity can be judged at a chosen moment, and the offset beyond which a
     * signature counts as late (read from a second reader).
     */
    StreamingXmlSignatureVerifier(TrustAnchors trustAnchors, Clock clock, long maxSignatureOffset) {
        this.trustAnchors = trustAnchors;
        this.clock = clock;
        this.maxSignatureOffset = maxSignatureOffset;
        XMLSec.init();
    }

    /**
     * Verifies the package in {@code file}.
     *
     * @throws UnreadableDocumentException when the file is not safe, well-formed XML
     */
    public SignatureReport verify(Path file) {
        Instant now = clock.instant();
        Scan scan = Scan.of(file);
        List<String> reasons = new ArrayList<>();
        for (String lookalike : scan.lookalikes) {
            reasons.add(XmlSignatureVerifier.NOT_XMLDSIG_REASON + " at " + lookalike);
        }
        if (scan.signatures.isEmpty() && scan.lookalikes.isEmpty()) {
            reasons.add("the document has no Signature element");
        }
        List<SignatureEntry> entries = new ArrayList<>();
        for (int i = 0; i < scan.signatures.size(); i++) {
            SignatureEntry entry = scan.signatures.size() > 1
                    ? oneOfSeveral(scan.signatures.get(i), i + 1, scan.signatures.size())
                    : verifyOne(file, scan, scan.signatures.get(0), now);
            entries.add(entry);
        }
        return SignatureReport.of("XML", entries, reasons, now, trustAnchors.checksRevocation());
    }

    private SignatureEntry oneOfSeveral(Found found, int position, int count) {
        EntryDraft draft = draft(found, position);
        draft.indeterminate("the package carries " + count + " signatures; a large package is checked while"
                + " streaming, which handles one signature per package");
        return draft.build();
    }

    private EntryDraft draft(Found found, int position) {
        EntryDraft draft = new EntryDraft(found.id != null ? found.id : "signature-" + position, "XMLDSig");
        draft.note(trustAnchors.checksRevocation() ? EntryDraft.REVOCATION_CHECKED_NOTE : EntryDraft.REVOCATION_NOTE);
        draft.note(STREAMED_NOTE);
        draft.signatureAlgorithm = found.signatureMethod;
        return draft;
    }

    private SignatureEntry verifyOne(Path file, Scan scan, Found found, Instant now) {
        EntryDraft draft = draft(found, 1);
        if (found.signatureMethod == null || found.canonicalization == null || found.references.isEmpty()) {
            draft.invalid("signature cannot be read: SignedInfo needs CanonicalizationMethod, SignatureMethod and"
                    + " at least one Reference");
            return draft.build();
        }
        if (!acceptable(found, scan, draft)) {
            if (draft.verdict() == Verdict.VALID) {
                draft.invalid("signature cannot be read as XMLDSig");
            }
            return draft.build();
        }
        // Santuario holds what comes before the end of the signature in memory. A late signature that is a child
        // of the root (the gateway's own signer puts it last) is read first from a second reader instead: the
        // enveloped digest skips it wherever it is and its in-scope namespaces are the root's either way.
        boolean late = found.offset > maxSignatureOffset;
        if (late && found.depth != 2) {
            draft.indeterminate("the signature begins " + found.offset / (1024 * 1024) + " MB into the package,"
                    + " inside an element; a large package is checked while streaming, which needs the signature in"
                    + " edXMLHeader, ahead of the attachments (QCVN 102:2016), or as a child of the root element");
            return draft.build();
        }
        draft.signingTime = XmlSignaturePolicy.signingTime(found.signingTime, draft);
        List<X509Certificate> certificates;
        try {
            certificates = certificates(found);
        } catch (CertificateException e) {
            draft.invalid("a certificate in KeyInfo/X509Data cannot be read: " + e.getMessage());
            return draft.build();
        }
        if (certificates.isEmpty()) {
            draft.indeterminate("no signer certificate in KeyInfo/X509Data: cannot tell who signed or check the"
                    + " signature value");
            return draft.build();
        }
        X509Certificate signer = null;
        boolean intact = false;
        for (X509Certificate candidate : XmlSignatureVerifier.leavesFirst(certificates)) {
            Pass pass = stream(file, candidate.getPublicKey(), late);
            if (pass.outcome == Outcome.VALUE_DOES_NOT_VERIFY) {
                continue;
            }
            if (pass.outcome == Outcome.CANNOT_PROCESS) {
                draft.invalid("signature cannot be processed: " + pass.detail);
                return draft.build();
            }
            signer = candidate;
            intact = pass.outcome == Outcome.VALID;
            if (!intact) {
                draft.invalid("digest of reference '" + found.references.get(0).uri + "' does not match: the"
                        + " document was changed after signing");
            }
            break;
        }
        XmlSignaturePolicy.signer(draft, signer, certificates, intact, trustAnchors, now);
        return draft.build();
    }

    /** The shared policy, and references to the whole document only. */
    private static boolean acceptable(Found found, Scan scan, EntryDraft draft) {
        boolean acceptable = XmlSignaturePolicy.canonicalization(found.canonicalization, draft);
        acceptable &= XmlSignaturePolicy.signatureMethod(found.signatureMethod, draft);
        for (Found.Ref reference : found.references) {
            String uri = reference.uri;
            if (reference.digestMethod == null) {
                draft.invalid("reference '" + uri + "' has no DigestMethod Algorithm");
                acceptable = false;
            } else {
                acceptable &= XmlSignaturePolicy.digestMethod(uri, reference.digestMethod, draft);
            }
            for (String transform : reference.transforms) {
                acceptable &= XmlSignaturePolicy.transform(uri, transform == null ? "(none)" : transform, draft);
            }
            if (!uri.isEmpty() && !XmlSignaturePolicy.sameDocument(uri, draft)) {
                acceptable = false;
            } else if (!uri.isEmpty()) {
                String id = uri.substring(1);
                int count = scan.rootIdCounts.getOrDefault(id, 0);
                if (count != 1) {
                    // An Id of an inner element, or a duplicated one: the DOM check handles those, streaming does not.
                    draft.indeterminate("reference '" + uri + "' does not name the document element by a unique Id;"
                            + " a large package is checked while streaming, which accepts only references to the"
                            + " whole document");
                    acceptable = false;
                }
            }
        }
        if (found.references.size() > 1) {
            draft.indeterminate("the signature has " + found.references.size() + " references; a large package is"
                    + " checked while streaming, which accepts one reference to the whole document");
            acceptable = false;
        }
        draft.signedScope = "whole document";
        return acceptable;
    }

    private enum Outcome { VALID, VALUE_DOES_NOT_VERIFY, DIGEST_DOES_NOT_MATCH, CANNOT_PROCESS }

    private record Pass(Outcome outcome, String detail) {
    }

    /**
     * Streams the whole package through Santuario with {@code key} as the signer's; with {@code signatureFirst},
     * the signature (a child of the root) is handed over right after the root's start tag.
     */
    private static Pass stream(Path file, PublicKey key, boolean signatureFirst) {
        XMLSecurityProperties properties = new XMLSecurityProperties();
        properties.setSignatureVerificationKey(key);
        boolean signatureRead = false;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
             InputStream again = signatureFirst ? new BufferedInputStream(Files.newInputStream(file), 64 * 1024)
                     : InputStream.nullInputStream()) {
            InboundXMLSec inbound = XMLSec.getInboundWSSec(properties);
            XMLStreamReader source = SecureXml.inputFactory().createXMLStreamReader(in);
            if (signatureFirst) {
                source = new SignatureFirst(source, SecureXml.inputFactory().createXMLStreamReader(again));
            }
            XMLStreamReader reader = inbound.processInMessage(source);
            try {
                while (reader.hasNext()) {
                    if (reader.next() == XMLStreamConstants.END_ELEMENT && isXmlDsigSignature(reader)) {
                        signatureRead = true;
                    }
                }
            } finally {
                reader.close();
            }
            return new Pass(Outcome.VALID, null);
        } catch (XMLStreamException | XMLSecurityException e) {
            String id = messageId(e);
            if ("errorMessages.InvalidSignatureValueException".equals(id)) {
                return new Pass(Outcome.VALUE_DOES_NOT_VERIFY, id);
            }
            if (signatureRead && "signature.Verification.InvalidDigestOrReference".equals(id)) {
                return new Pass(Outcome.DIGEST_DOES_NOT_MATCH, id);
            }
            return new Pass(Outcome.CANNOT_PROCESS, rootMessage(e));
        } catch (IOException e) {
            throw new UnreadableDocumentException("the package cannot be read: " + e.getMessage(), e);
        }
    }

    private static boolean isXmlDsigSignature(XMLStreamReader reader) {
        return "Signature".equals(reader.getLocalName()) && XmlSignatureVerifier.XMLDSIG_NS.equals(
                reader.getNamespaceURI());
    }

    private static String messageId(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof XMLSecurityException security && security.getMsgID() != null) {
                return security.getMsgID();
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static List<X509Certificate> certificates(Found found) throws CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certificates = new ArrayList<>();
        for (String text : found.certificates) {
            byte[] der = Base64.getMimeDecoder().decode(text.trim());
            certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
        }
        return certificates;
    }

    /** What one XMLDSig Signature element holds, as read by the first pass. */
    private static final class Found {
        static final class Ref {
            final String uri;
            final List<String> transforms = new ArrayList<>();
            String digestMethod;

            Ref(String uri) {
                this.uri = uri;
            }
        }

        final String id;
        final long offset;
        final int depth;
        String canonicalization;
        String signatureMethod;
        final List<Ref> references = new ArrayList<>();
        final List<String> certificates = new ArrayList<>();
        String signingTime;

        Found(String id, long offset, int depth) {
            this.id = id;
            this.offset = offset;
            this.depth = depth;
        }
    }

    /**
     * The first pass: where the signatures are and what their SignedInfo and KeyInfo say, the Ids of the document
     * element and how often each occurs, and Signature elements outside the XMLDSig namespace. Holds no content.
     */
    private static final class Scan {
        final List<Found> signatures = new ArrayList<>();
        final List<String> lookalikes = new ArrayList<>();
        final Map<String, Integer> rootIdCounts = new HashMap<>();

        static Scan of(Path file) {
            Scan scan = new Scan();
            try (CountingStream counted = new CountingStream(Files.newInputStream(file))) {
                XMLStreamReader reader = SecureXml.inputFactory().createXMLStreamReader(
                        new BufferedInputStream(counted, 64 * 1024));
                try {
                    scan.read(reader, counted);
                } finally {
                    reader.close();
                }
            } catch (XMLStreamException | IOException e) {
                throw new UnreadableDocumentException("the package is not well-formed XML: " + e.getMessage(), e);
            }
            return scan;
        }

        private void read(XMLStreamReader reader, CountingStream counted) throws XMLStreamException {
            Deque<String> path = new ArrayDeque<>();
            Found current = null;
            int signatureDepth = -1;
            boolean inSignedInfo = false;
            Found.Ref reference = null;
            StringBuilder text = null;
            boolean root = true;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    path.addLast(reader.getPrefix() == null || reader.getPrefix().isEmpty() ? reader.getLocalName()
                            : reader.getPrefix() + ":" + reader.getLocalName());
                    countIds(reader, root);
                    root = false;
                    String ns = reader.getNamespaceURI();
                    String name = reader.getLocalName();
                    boolean dsig = XmlSignatureVerifier.XMLDSIG_NS.equals(ns);
                    if ("Signature".equals(name) && !dsig) {
                        lookalikes.add("/" + String.join("/", path));
                    } else if ("Signature".equals(name) && current == null) {
                        current = new Found(idOf(reader), counted.count, path.size());
                        signatures.add(current);
                        signatureDepth = path.size();
                    } else if ("Signature".equals(name)) {
                        signatures.add(new Found(idOf(reader), counted.count, path.size())); // nested: counted
                    } else if (current != null && dsig) {
                        switch (name) {
                            case "SignedInfo" -> inSignedInfo = true;
                            case "CanonicalizationMethod" -> current.canonicalization = inSignedInfo
                                    ? reader.getAttributeValue(null, "Algorithm") : current.canonicalization;
                            case "SignatureMethod" -> current.signatureMethod = inSignedInfo
                                    ? reader.getAttributeValue(null, "Algorithm") : current.signatureMethod;
                            case "Reference" -> {
                                if (inSignedInfo) {
                                    String uri = reader.getAttributeValue(null, "URI");
                                    reference = new Found.Ref(uri == null ? "" : uri);
                                    current.references.add(reference);
                                }
                            }
                            case "Transform" -> {
                                if (reference != null) {
                                    reference.transforms.add(reader.getAttributeValue(null, "Algorithm"));
                                }
                            }
                            case "DigestMethod" -> {
                                if (reference != null) {
                                    reference.digestMethod = reader.getAttributeValue(null, "Algorithm");
                                }
                            }
                            case "X509Certificate" -> text = new StringBuilder();
                            default -> {
                            }
                        }
                    } else if (current != null && XmlSignaturePolicy.XADES_NS.equals(ns) && "SigningTime".equals(name)) {
                        text = new StringBuilder();
                    }
                } else if (event == XMLStreamConstants.CHARACTERS && text != null) {
                    text.append(reader.getText());
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    String name = reader.getLocalName();
                    if (current != null && text != null && "X509Certificate".equals(name)) {
                        current.certificates.add(text.toString());
                        text = null;
                    } else if (current != null && text != null && "SigningTime".equals(name)) {
                        current.signingTime = text.toString();
                        text = null;
                    } else if ("SignedInfo".equals(name)) {
                        inSignedInfo = false;
                    } else if ("Reference".equals(name)) {
                        reference = null;
                    }
                    if (path.size() == signatureDepth) {
                        signatureDepth = -1;
                        inSignedInfo = false;
                        current = null;
                    }
                    path.removeLast();
                }
            }
        }

        private void countIds(XMLStreamReader reader, boolean root) {
            for (int i = 0; i < reader.getAttributeCount(); i++) {
                String ns = reader.getAttributeNamespace(i);
                if ((ns == null || ns.isEmpty()) && XmlSignaturePolicy.ID_ATTRIBUTES.contains(
                        reader.getAttributeLocalName(i))) {
                    String value = reader.getAttributeValue(i);
                    if (root) {
                        rootIdCounts.put(value, 1);
                    } else {
                        rootIdCounts.computeIfPresent(value, (k, n) -> n + 1);
                    }
                }
            }
        }

        private static String idOf(XMLStreamReader reader) {
            String id = reader.getAttributeValue(null, "Id");
            return id == null || id.isBlank() ? null : id;
        }
    }

    /**
     * The package's events with its signature (a child of the root) moved to just after the root's start tag:
     * the signature's events come from a second reader of the same file, and the first skips them where they are.
     */
    private static final class SignatureFirst extends StreamReaderDelegate {
        private enum State { BEFORE_ROOT, ROOT_STARTED, IN_SIGNATURE, AFTER }

        private final XMLStreamReader main;
        private final XMLStreamReader signature;
        private State state = State.BEFORE_ROOT;
        private int depth;

        SignatureFirst(XMLStreamReader main, XMLStreamReader signature) {
            super(main);
            this.main = main;
            this.signature = signature;
        }

        @Override
        public boolean hasNext() throws XMLStreamException {
            return state == State.ROOT_STARTED || state == State.IN_SIGNATURE || main.hasNext();
        }

        @Override
        public int next() throws XMLStreamException {
            switch (state) {
                case BEFORE_ROOT -> {
                    int event = main.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        state = State.ROOT_STARTED;
                    }
                    return event;
                }
                case ROOT_STARTED -> {
                    toSignature(signature);
                    setParent(signature);
                    state = State.IN_SIGNATURE;
                    depth = 1;
                    return XMLStreamConstants.START_ELEMENT;
                }
                case IN_SIGNATURE -> {
                    int event = signature.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        depth++;
                    } else if (event == XMLStreamConstants.END_ELEMENT && --depth == 0) {
                        state = State.AFTER;
                        depth = 1; // back in the root, on the first reader
                    }
                    return event;
                }
                default -> {
                    setParent(main);
                    int event = main.next();
                    if (event == XMLStreamConstants.START_ELEMENT && depth == 1 && isXmlDsigSignature(main)) {
                        skipElement(main);
                        event = main.next();
                    }
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        depth++;
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        depth--;
                    }
                    return event;
                }
            }
        }

        /** Moves the second reader to the start tag of the root's XMLDSig Signature child. */
        private static void toSignature(XMLStreamReader reader) throws XMLStreamException {
            int level = 0;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    level++;
                    if (level == 2 && isXmlDsigSignature(reader)) {
                        return;
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    level--;
                }
            }
            throw new XMLStreamException("the root element has no XMLDSig Signature child");
        }

        private static void skipElement(XMLStreamReader reader) throws XMLStreamException {
            int level = 1;
            while (level > 0) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    level++;
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    level--;
                }
            }
        }

        @Override
        public void close() throws XMLStreamException {
            try {
                signature.close();
            } finally {
                main.close();
            }
        }
    }

    /** Counts the bytes read, so the first pass knows how far into the package the signature begins. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
