package vn.lienthong.gateway.signature;

/** Outcome of a signature check, in the terms of ETSI EN 319 102-1 plus "there was nothing to check". */
public enum Verdict {
    /** Intact, made with acceptable algorithms, by a certificate that chains to a trust anchor and is valid now. */
    VALID,
    /** Proven wrong: the content or the signature was changed, or a forbidden algorithm (SHA-1) or construct was used. */
    INVALID,
    /** Intact, but the signer cannot be relied on: untrusted, expired, unknown certificate, or only part of the document covered. */
    INDETERMINATE,
    /** There is no verifiable signature at all. */
    NOT_SIGNED;

    /** The worse of two verdicts, for combining several signatures or checks: INVALID over INDETERMINATE over VALID. */
    Verdict worse(Verdict other) {
        return rank(other) > rank(this) ? other : this;
    }

    private static int rank(Verdict verdict) {
        return switch (verdict) {
            case NOT_SIGNED -> 0;
            case VALID -> 1;
            case INDETERMINATE -> 2;
            case INVALID -> 3;
        };
    }
}
