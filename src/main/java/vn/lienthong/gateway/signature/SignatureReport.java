package vn.lienthong.gateway.signature;

import java.time.Instant;
import java.util.List;

/**
 * What the gateway found when checking the signatures of one document (báo cáo kiểm tra chữ ký số);
 * a Jackson-serialisable record meant to be stored with the message and shown to operators.
 *
 * @param result overall verdict: NOT_SIGNED without signatures, otherwise the worst signature verdict
 * @param documentType "XML" (edXML package) or "PDF"
 * @param signatures one entry per signature found, in document order
 * @param reasons document-level findings, e.g. why the document counts as not signed
 * @param checkedAt when the check ran; certificates are judged at this moment
 * @param revocationChecked whether configured CRLs were consulted (without them a revoked certificate still looks VALID)
 */
public record SignatureReport(
        Verdict result,
        String documentType,
        List<SignatureEntry> signatures,
        List<String> reasons,
        Instant checkedAt,
        boolean revocationChecked) {

    public SignatureReport {
        signatures = List.copyOf(signatures);
        reasons = List.copyOf(reasons);
    }

    /** A report whose verdict follows from its entries (NOT_SIGNED when there are none). */
    static SignatureReport of(String documentType, List<SignatureEntry> signatures, List<String> reasons, Instant checkedAt) {
        return of(documentType, signatures, reasons, checkedAt, false);
    }

    /** As {@link #of(String, List, List, Instant)}, saying whether revocation was checked. */
    static SignatureReport of(String documentType, List<SignatureEntry> signatures, List<String> reasons, Instant checkedAt,
                              boolean revocationChecked) {
        Verdict result = Verdict.NOT_SIGNED;
        for (SignatureEntry entry : signatures) {
            result = result.worse(entry.result());
        }
        return new SignatureReport(result, documentType, signatures, reasons, checkedAt, revocationChecked);
    }
}
