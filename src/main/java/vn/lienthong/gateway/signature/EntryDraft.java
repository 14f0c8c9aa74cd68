package vn.lienthong.gateway.signature;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Collects findings for one signature while it is being checked; each finding lowers the verdict as far as it must. */
final class EntryDraft {

    static final String REVOCATION_NOTE = "revocation (CRL/OCSP) was not checked";
    static final String REVOCATION_CHECKED_NOTE = "revocation checked against the configured CRLs or OCSP responder";

    final String id;
    String format;
    String signatureAlgorithm;
    boolean integrityIntact;
    String signedScope;
    Instant signingTime;
    private X509Certificate signer;
    private List<String> chain = List.of();
    private boolean trusted;
    private Verdict verdict = Verdict.VALID;
    private final List<String> reasons = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    EntryDraft(String id, String format) {
        this.id = id;
        this.format = format;
    }

    void invalid(String reason) {
        verdict = verdict.worse(Verdict.INVALID);
        reasons.add(reason);
    }

    void indeterminate(String reason) {
        verdict = verdict.worse(Verdict.INDETERMINATE);
        reasons.add(reason);
    }

    void note(String note) {
        notes.add(note);
    }

    Verdict verdict() {
        return verdict;
    }

    void certificates(X509Certificate signerCertificate, TrustAnchors.CertificateCheck check) {
        signer = signerCertificate;
        chain = check.chain().stream().map(TrustAnchors::subject).toList();
        trusted = check.trusted();
        check.reasons().forEach(this::indeterminate);
        check.revocations().forEach(this::invalid);
    }

    SignatureEntry build() {
        return new SignatureEntry(id, verdict, format, signatureAlgorithm, integrityIntact, signedScope,
                signer == null ? null : signer.getSubjectX500Principal().getName(),
                signer == null ? null : signer.getIssuerX500Principal().getName(),
                signer == null ? null : signer.getSerialNumber().toString(16),
                signingTime, chain, trusted, reasons, notes);
    }
}
