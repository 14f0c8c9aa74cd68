package vn.lienthong.gateway.signature;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.Transform;

/**
 * The algorithms and references the gateway accepts in an XMLDSig signature, shared by the DOM check
 * ({@link XmlSignatureVerifier}) and the streaming check of large packages ({@link StreamingXmlSignatureVerifier}):
 * no SHA-1, only canonicalising and enveloped-signature transforms, only same-document references.
 */
final class XmlSignaturePolicy {

    static final String XADES_NS = "http://uri.etsi.org/01903/v1.3.2#";
    static final List<String> ID_ATTRIBUTES = List.of("Id", "ID", "id");

    private static final Set<String> SIGNATURE_METHODS = Set.of(
            SignatureMethod.RSA_SHA256, SignatureMethod.RSA_SHA384, SignatureMethod.RSA_SHA512,
            SignatureMethod.SHA256_RSA_MGF1, SignatureMethod.SHA384_RSA_MGF1, SignatureMethod.SHA512_RSA_MGF1,
            SignatureMethod.ECDSA_SHA256, SignatureMethod.ECDSA_SHA384, SignatureMethod.ECDSA_SHA512);
    private static final Set<String> DIGEST_METHODS = Set.of(DigestMethod.SHA256, DigestMethod.SHA384,
            DigestMethod.SHA512, DigestMethod.SHA3_256, DigestMethod.SHA3_384, DigestMethod.SHA3_512);
    private static final Set<String> CANONICALIZATIONS = Set.of(
            CanonicalizationMethod.EXCLUSIVE, CanonicalizationMethod.EXCLUSIVE_WITH_COMMENTS,
            CanonicalizationMethod.INCLUSIVE, CanonicalizationMethod.INCLUSIVE_WITH_COMMENTS,
            "http://www.w3.org/2006/12/xml-c14n11", "http://www.w3.org/2006/12/xml-c14n11#WithComments");

    private XmlSignaturePolicy() {
    }

    /** Whether SignedInfo's canonicalization method is accepted; says why not in {@code draft}. */
    static boolean canonicalization(String algorithm, EntryDraft draft) {
        if (!CANONICALIZATIONS.contains(algorithm)) {
            draft.invalid("canonicalization method " + algorithm + " is not accepted");
            return false;
        }
        return true;
    }

    /** Whether the signature method is accepted; says why not in {@code draft}. */
    static boolean signatureMethod(String method, EntryDraft draft) {
        if (method.toLowerCase(Locale.ROOT).contains("sha1")) {
            draft.invalid("signature method " + method + " uses SHA-1, which is not accepted (SHA-1 is broken for"
                    + " signatures)");
            return false;
        }
        if (!SIGNATURE_METHODS.contains(method)) {
            draft.invalid("signature method " + method + " is not accepted");
            return false;
        }
        return true;
    }

    /** Whether a reference's digest method is accepted; says why not in {@code draft}. */
    static boolean digestMethod(String uri, String digest, EntryDraft draft) {
        if (digest.toLowerCase(Locale.ROOT).contains("sha1")) {
            draft.invalid("digest method " + digest + " of reference '" + uri + "' uses SHA-1, which is not accepted");
            return false;
        }
        if (!DIGEST_METHODS.contains(digest)) {
            draft.invalid("digest method " + digest + " of reference '" + uri + "' is not accepted");
            return false;
        }
        return true;
    }

    /** Whether a reference's transform is accepted (XPath/XSLT could make it cover something else); says why not. */
    static boolean transform(String uri, String algorithm, EntryDraft draft) {
        if (!Transform.ENVELOPED.equals(algorithm) && !CANONICALIZATIONS.contains(algorithm)) {
            draft.invalid("transform " + algorithm + " of reference '" + uri + "' is not accepted");
            return false;
        }
        return true;
    }

    /** Whether a non-empty reference URI has an accepted form: {@code #id}, not XPointer, not outside the document. */
    static boolean sameDocument(String uri, EntryDraft draft) {
        if (!uri.startsWith("#")) {
            draft.invalid("reference '" + uri + "' points outside the document; only same-document references are"
                    + " accepted");
            return false;
        }
        if (uri.startsWith("#xpointer(")) {
            draft.invalid("reference '" + uri + "' uses XPointer, which is not accepted; use URI=\"\" or an Id");
            return false;
        }
        return true;
    }

    /**
     * The last part of a signature's verdict, the same whichever way it was checked: who signed (the certificate
     * whose key verified the signature value, judged against the trust anchors), or that none of the attached
     * certificates did; and whether the signed content and the value are intact.
     */
    static void signer(EntryDraft draft, X509Certificate signer, List<X509Certificate> certificates,
                       boolean referencesIntact, TrustAnchors trustAnchors, Instant now) {
        if (signer == null) {
            draft.invalid("signature value does not verify with the certificate(s) in KeyInfo: SignedInfo was changed"
                    + " after signing or the attached certificate is not the signer's");
        } else {
            List<X509Certificate> others = new ArrayList<>(certificates);
            others.remove(signer);
            draft.certificates(signer, trustAnchors.check(signer, others, now));
        }
        draft.integrityIntact = referencesIntact && signer != null;
    }

    /** The signer's claimed signing time from the text of XAdES SigningTime (null: none, or not a date), noted. */
    static Instant signingTime(String text, EntryDraft draft) {
        if (text == null) {
            draft.note("XMLDSig carries no signing time (no XAdES SigningTime)");
            return null;
        }
        String time = text.trim();
        try {
            draft.note("signing time is the signer's claim (XAdES SigningTime), not a time-stamp");
            return OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            draft.note("XAdES SigningTime '" + time + "' is not an ISO-8601 date-time and was ignored");
            return null;
        }
    }
}
