package vn.lienthong.gateway.signature;

import java.time.Instant;
import java.util.List;

/**
 * One signature inside a document and what its check found.
 *
 * @param id where the signature is: XML Id attribute or position, or the PDF signature field name
 * @param result verdict for this signature alone
 * @param format e.g. "XMLDSig enveloped", "PAdES (ETSI.CAdES.detached)", "PKCS#7 legacy (adbe.pkcs7.detached)"
 * @param signatureAlgorithm algorithm URI (XML) or name (PDF) used for the signature value
 * @param integrityIntact whether the signed bytes and the signature value verify (independent of trust)
 * @param signedScope what the signature covers, e.g. "whole document" or "bytes 0..1234 of 2000"
 * @param signerSubject subject DN of the signing certificate, null when no certificate came with the signature
 * @param signerIssuer issuer DN of the signing certificate
 * @param signerSerialNumber serial number of the signing certificate, hexadecimal
 * @param signingTime claimed signing time if the signature carries one (never proven: no time-stamp is checked)
 * @param certificateChain subjects from the signer up to the trust anchor, as far as the chain could be built
 * @param trusted whether the chain reaches a configured trust anchor
 * @param reasons why the verdict is not VALID (empty when VALID)
 * @param notes facts that do not change the verdict but matter to a reader (where the signing time comes from, ...)
 */
public record SignatureEntry(
        String id,
        Verdict result,
        String format,
        String signatureAlgorithm,
        boolean integrityIntact,
        String signedScope,
        String signerSubject,
        String signerIssuer,
        String signerSerialNumber,
        Instant signingTime,
        List<String> certificateChain,
        boolean trusted,
        List<String> reasons,
        List<String> notes) {

    public SignatureEntry {
        certificateChain = List.copyOf(certificateChain);
        reasons = List.copyOf(reasons);
        notes = List.copyOf(notes);
    }
}
