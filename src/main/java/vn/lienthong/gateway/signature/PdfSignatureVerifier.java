package vn.lienthong.gateway.signature;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.Store;

/**
 * Verifies the signatures of a PDF attachment (PAdES {@code ETSI.CAdES.detached} or legacy
 * {@code adbe.pkcs7.detached}) and says what it found in a {@link SignatureReport}: byte range
 * coverage, CMS signature and message digest, signer certificate and its chain to a trust anchor.
 */
public final class PdfSignatureVerifier {

    static final String PADES = "ETSI.CAdES.detached";
    static final String PKCS7_DETACHED = "adbe.pkcs7.detached";

    // A provider instance instead of Security.addProvider: the library must not change JVM-wide state.
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final Set<ASN1ObjectIdentifier> SHA1_ALGORITHMS = Set.of(OIWObjectIdentifiers.idSHA1,
            PKCSObjectIdentifiers.sha1WithRSAEncryption, org.bouncycastle.asn1.x9.X9ObjectIdentifiers.ecdsa_with_SHA1,
            org.bouncycastle.asn1.x9.X9ObjectIdentifiers.id_dsa_with_sha1);

    /** The most a signature value (the hole between the signed ranges) may take: a CMS with its chain and revocation data. */
    private static final long MAX_SIGNATURE_VALUE = 4L * 1024 * 1024;

    private final TrustAnchors trustAnchors;
    private final Clock clock;

    public PdfSignatureVerifier(TrustAnchors trustAnchors) {
        this(trustAnchors, Clock.systemUTC());
    }

    /** With a clock, so certificate validity can be judged at a chosen moment. */
    public PdfSignatureVerifier(TrustAnchors trustAnchors, Clock clock) {
        this.trustAnchors = trustAnchors;
        this.clock = clock;
    }

    /**
     * Reads and verifies a PDF file from the file itself: the signed byte ranges are digested as they are read, so
     * a scanned PDF of hundreds of megabytes is never held in memory.
     */
    public SignatureReport verify(Path pdf) {
        try (PdfBytes.OfFile bytes = new PdfBytes.OfFile(pdf)) {
            return verify(() -> Loader.loadPDF(pdf.toFile()), bytes);
        } catch (IOException e) {
            throw new UnreadableDocumentException("PDF file " + pdf + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Verifies every signature dictionary of the PDF.
     *
     * @throws UnreadableDocumentException when the bytes are not a PDF PDFBox can open
     */
    public SignatureReport verify(byte[] pdf) {
        return verify(() -> Loader.loadPDF(pdf), new PdfBytes.InMemory(pdf));
    }

    /** Opens the PDF for PDFBox. */
    @FunctionalInterface
    private interface Opener {
        PDDocument open() throws IOException;
    }

    private SignatureReport verify(Opener opener, PdfBytes pdf) {
        Instant now = clock.instant();
        List<SignatureEntry> entries = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        try (PDDocument document = opener.open()) {
            List<PDSignature> signatures = document.getSignatureDictionaries();
            Map<COSDictionary, String> names = fieldNames(document);
            long lastSignedEnd = signatures.stream().mapToLong(PdfSignatureVerifier::signedEnd).max().orElse(0);
            for (int i = 0; i < signatures.size(); i++) {
                PDSignature signature = signatures.get(i);
                String id = names.getOrDefault(signature.getCOSObject(), "signature-" + (i + 1));
                entries.add(verifyOne(signature, id, pdf, signedEnd(signature) == lastSignedEnd, now));
            }
        } catch (IOException e) {
            throw new UnreadableDocumentException("PDF cannot be read: " + e.getMessage(), e);
        }
        if (entries.isEmpty()) {
            reasons.add("the PDF has no signature dictionaries");
        }
        return SignatureReport.of("PDF", entries, reasons, now, trustAnchors.checksRevocation());
    }

    private SignatureEntry verifyOne(PDSignature signature, String id, PdfBytes pdf, boolean isLast, Instant now)
            throws IOException {
        String subFilter = signature.getSubFilter() == null ? "(none)" : signature.getSubFilter();
        EntryDraft draft = new EntryDraft(id, format(subFilter));
        draft.note(trustAnchors.checksRevocation() ? EntryDraft.REVOCATION_CHECKED_NOTE : EntryDraft.REVOCATION_NOTE);
        if (!PADES.equals(subFilter) && !PKCS7_DETACHED.equals(subFilter)) {
            if (subFilter.toLowerCase().contains("sha1")) {
                draft.invalid("sub-filter " + subFilter + " signs a SHA-1 digest, which is not accepted");
            } else {
                draft.indeterminate("sub-filter " + subFilter + " is not supported (" + PADES + " or " + PKCS7_DETACHED + " expected)");
            }
            return draft.build();
        }
        int[] byteRange = signature.getByteRange();
        String rangeProblem = byteRangeProblem(byteRange, pdf);
        if (rangeProblem != null) {
            draft.invalid(rangeProblem);
            return draft.build();
        }
        long end = (long) byteRange[2] + byteRange[3];
        long length = pdf.length();
        if (end == length) {
            draft.signedScope = "whole file except the signature value (" + length + " bytes)";
        } else {
            draft.signedScope = "first " + end + " of " + length + " bytes (an earlier revision), except the signature value";
            if (isLast) {
                // Incremental updates after the last signature can change what a reader shows (shadow attacks).
                draft.indeterminate((length - end) + " bytes were added after the last signature; that content is not covered by any signature");
            } else {
                draft.note("covers an earlier revision; later revisions are covered by a later signature");
            }
        }

        byte[] contents = signature.getContents();
        CMSSignedData cms;
        try {
            cms = new CMSSignedData(contents);
        } catch (CMSException | RuntimeException e) {
            draft.invalid("the signature value (/Contents) is not a CMS SignedData structure: " + e.getMessage());
            return draft.build();
        }
        Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            draft.invalid("a PDF signature must have exactly one signer, found " + signers.size());
            return draft.build();
        }
        // The signed byte ranges are digested as they are read (a PDF file is never read whole), and the signature
        // is checked against that digest.
        AlgorithmIdentifier digestAlgorithm = signers.iterator().next().getDigestAlgorithmID();
        byte[] contentDigest;
        try {
            DigestCalculator calculator = new JcaDigestCalculatorProviderBuilder().setProvider(BC).build()
                    .get(digestAlgorithm);
            try (OutputStream out = calculator.getOutputStream()) {
                pdf.copy(byteRange[0], byteRange[1], out);
                pdf.copy(byteRange[2], byteRange[3], out);
            }
            contentDigest = calculator.getDigest();
            cms = new CMSSignedData(Map.of(digestAlgorithm.getAlgorithm(), contentDigest), contents);
        } catch (OperatorCreationException | CMSException e) {
            draft.invalid("message digest cannot be computed with " + digestAlgorithm.getAlgorithm() + ": "
                    + e.getMessage());
            return draft.build();
        }
        SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
        draft.signatureAlgorithm = new DefaultCMSSignatureAlgorithmNameGenerator()
                .getSignatureName(signer.getDigestAlgorithmID(), signer.toASN1Structure().getDigestEncryptionAlgorithm());
        if (SHA1_ALGORITHMS.contains(signer.getDigestAlgorithmID().getAlgorithm())
                || SHA1_ALGORITHMS.contains(signer.toASN1Structure().getDigestEncryptionAlgorithm().getAlgorithm())) {
            draft.invalid("signature algorithm " + draft.signatureAlgorithm + " uses SHA-1, which is not accepted");
            return draft.build();
        }

        boolean digestMatches = messageDigestMatches(signer, contentDigest, draft);
        @SuppressWarnings("unchecked")
        Store<X509CertificateHolder> store = cms.getCertificates();
        List<X509Certificate> certificates = toCertificates(store.getMatches(null));
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> signerHolders = store.getMatches(signer.getSID());
        X509Certificate signerCertificate = signerHolders.isEmpty() ? null : toCertificates(signerHolders).get(0);
        draft.signingTime = signingTime(signer, signature, draft);

        if (signerCertificate == null) {
            draft.indeterminate("the signer certificate is not embedded in the signature: cannot tell who signed or check the signature value");
            return draft.build();
        }
        boolean signatureValueVerifies = signatureValueVerifies(signer, signerCertificate, digestMatches, draft);
        draft.integrityIntact = digestMatches && signatureValueVerifies;
        if (PADES.equals(subFilter)) {
            checkSigningCertificateV2(signer, signerCertificate, draft);
        }
        List<X509Certificate> others = new ArrayList<>(certificates);
        others.remove(signerCertificate);
        draft.certificates(signerCertificate, trustAnchors.check(signerCertificate, others, now));
        return draft.build();
    }

    private static boolean messageDigestMatches(SignerInformation signer, byte[] contentDigest, EntryDraft draft) {
        AttributeTable signed = signer.getSignedAttributes();
        Attribute messageDigest = signed == null ? null : signed.get(CMSAttributes.messageDigest);
        if (messageDigest == null) {
            // Without signed attributes the signature value is over the content itself; verify() decides.
            return true;
        }
        byte[] expected = ASN1OctetString.getInstance(messageDigest.getAttrValues().getObjectAt(0)).getOctets();
        if (!MessageDigest.isEqual(expected, contentDigest)) {
            draft.invalid("message digest over the signed byte ranges does not match: the PDF was changed after signing");
            return false;
        }
        return true;
    }

    private static boolean signatureValueVerifies(SignerInformation signer, X509Certificate certificate, boolean digestMatches, EntryDraft draft) {
        try {
            // Built from the public key, not the certificate: certificate validity is judged by
            // TrustAnchors at verification time, not by BouncyCastle against the claimed signing time.
            if (signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(certificate.getPublicKey()))) {
                return true;
            }
            draft.invalid("the CMS signature value does not verify with the signer certificate's public key");
        } catch (CMSSignerDigestMismatchException e) {
            if (digestMatches) {
                draft.invalid("message digest does not match: the PDF was changed after signing");
            }
        } catch (CMSException | OperatorCreationException e) {
            draft.invalid("the CMS signature value does not verify: " + e.getMessage());
        }
        return false;
    }

    private static void checkSigningCertificateV2(SignerInformation signer, X509Certificate certificate, EntryDraft draft) {
        AttributeTable signed = signer.getSignedAttributes();
        Attribute attribute = signed == null ? null : signed.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
        if (attribute == null) {
            draft.indeterminate("not a conformant PAdES signature: the signing-certificate-v2 attribute is missing,"
                    + " so the signer certificate is not bound to the signature");
            return;
        }
        ESSCertIDv2[] ids = SigningCertificateV2.getInstance(attribute.getAttrValues().getObjectAt(0)).getCerts();
        if (ids.length == 0) {
            draft.invalid("the signing-certificate-v2 attribute names no certificate");
            return;
        }
        AlgorithmIdentifier hashAlgorithm = ids[0].getHashAlgorithm();
        try {
            DigestCalculator calculator = new JcaDigestCalculatorProviderBuilder().setProvider(BC).build().get(
                    hashAlgorithm == null ? new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256) : hashAlgorithm);
            try (OutputStream out = calculator.getOutputStream()) {
                out.write(certificate.getEncoded());
            }
            if (!Arrays.equals(ids[0].getCertHash(), calculator.getDigest())) {
                draft.invalid("the signing-certificate-v2 attribute does not match the embedded signer certificate (certificate substitution)");
            }
        } catch (OperatorCreationException | IOException | GeneralSecurityException e) {
            draft.invalid("the signing-certificate-v2 attribute cannot be checked: " + e.getMessage());
        }
    }

    private static Instant signingTime(SignerInformation signer, PDSignature signature, EntryDraft draft) {
        AttributeTable signed = signer.getSignedAttributes();
        Attribute attribute = signed == null ? null : signed.get(CMSAttributes.signingTime);
        if (attribute != null) {
            draft.note("signing time is the signer's claim (CMS signing-time attribute), not a time-stamp");
            return Time.getInstance(attribute.getAttrValues().getObjectAt(0)).getDate().toInstant();
        }
        if (signature.getSignDate() != null) {
            // PAdES puts the claimed time in /M, which the signature covers because it lies inside the byte range.
            draft.note("signing time is the signer's claim (/M entry of the signature dictionary), not a time-stamp");
            return signature.getSignDate().toInstant();
        }
        draft.note("the signature carries no signing time");
        return null;
    }

    private static String byteRangeProblem(int[] byteRange, PdfBytes pdf) throws IOException {
        if (byteRange == null || byteRange.length != 4) {
            return "ByteRange is missing or does not have 4 numbers: " + Arrays.toString(byteRange);
        }
        long start2 = byteRange[2];
        long end = start2 + byteRange[3];
        if (byteRange[0] != 0 || byteRange[1] <= 0 || start2 <= byteRange[1] || byteRange[3] < 0
                || end > pdf.length()) {
            return "ByteRange " + Arrays.toString(byteRange) + " does not describe the file (" + pdf.length()
                    + " bytes) as one signed range, the signature value, then a second signed range";
        }
        if (start2 - byteRange[1] > MAX_SIGNATURE_VALUE) {
            return "ByteRange " + Arrays.toString(byteRange) + " leaves out " + (start2 - byteRange[1])
                    + " bytes, more than a signature value takes";
        }
        java.io.ByteArrayOutputStream holeBytes = new java.io.ByteArrayOutputStream();
        pdf.copy(byteRange[1], (int) (start2 - byteRange[1]), holeBytes);
        byte[] hole = holeBytes.toByteArray();
        if (hole[0] != '<' || hole[hole.length - 1] != '>') {
            return "ByteRange " + Arrays.toString(byteRange) + " leaves out more than the hexadecimal signature value";
        }
        for (int i = 1; i < hole.length - 1; i++) {
            if (Character.digit(hole[i], 16) < 0) {
                // Anything but hex digits in the hole would be unsigned content the reader may show.
                return "ByteRange " + Arrays.toString(byteRange) + " leaves unsigned bytes that are not the signature value (offset " + (byteRange[1] + i) + ")";
            }
        }
        return null;
    }

    private static long signedEnd(PDSignature signature) {
        int[] range = signature.getByteRange();
        return range == null || range.length != 4 ? -1 : (long) range[2] + range[3];
    }

    private static String format(String subFilter) {
        if (PADES.equals(subFilter)) {
            return "PAdES (" + PADES + ")";
        }
        if (PKCS7_DETACHED.equals(subFilter)) {
            return "PKCS#7 legacy (" + PKCS7_DETACHED + ")";
        }
        return "unsupported (" + subFilter + ")";
    }

    private static Map<COSDictionary, String> fieldNames(PDDocument document) throws IOException {
        Map<COSDictionary, String> names = new IdentityHashMap<>();
        for (PDSignatureField field : document.getSignatureFields()) {
            if (field.getSignature() != null) {
                names.put(field.getSignature().getCOSObject(), field.getFullyQualifiedName());
            }
        }
        return names;
    }

    private static List<X509Certificate> toCertificates(Collection<X509CertificateHolder> holders) {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter().setProvider(BC);
        for (X509CertificateHolder holder : holders) {
            try {
                certificates.add(converter.getCertificate(holder));
            } catch (GeneralSecurityException e) {
                // An unreadable extra certificate cannot help build a chain; the signer's is checked separately.
            }
        }
        return certificates;
    }
}
