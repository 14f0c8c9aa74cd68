package vn.lienthong.gateway.signature;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The certificates (usually root CAs) the gateway trusts for signatures, and the check that a
 * signer's certificate chains up to one of them. Revocation is checked against the CRLs the agency configures
 * (the national root CA publishes them), never against a URL named inside a certificate or a package: the gateway
 * fetches nothing a sender chose. Without configured CRLs, reports say revocation was not checked.
 */
public final class TrustAnchors {

    private static final int MAX_CHAIN_LENGTH = 10;

    private final List<X509Certificate> certificates;
    private final List<X509CRL> crls;
    private final OcspResponder ocsp;

    private TrustAnchors(Collection<X509Certificate> certificates) {
        this(certificates, List.of(), null);
    }

    private TrustAnchors(Collection<X509Certificate> certificates, Collection<X509CRL> crls, OcspResponder ocsp) {
        this.certificates = List.copyOf(certificates);
        this.crls = List.copyOf(crls);
        this.ocsp = ocsp;
    }

    /** These anchors, checking revocation against {@code revocationLists} (replacing any configured before). */
    public TrustAnchors withCrls(Collection<X509CRL> revocationLists) {
        return new TrustAnchors(certificates, revocationLists, ocsp);
    }

    /**
     * These anchors, also asking {@code responder} about each certificate no configured CRL revokes. Without an
     * answer from it (unreachable, unsigned, unknown certificate) the certificate is not taken as valid.
     */
    public TrustAnchors withOcsp(OcspResponder responder) {
        return new TrustAnchors(certificates, crls, responder);
    }

    /** The configured certificate revocation lists. */
    public List<X509CRL> crls() {
        return crls;
    }

    /** Whether revocation is checked at all (some CRL or an OCSP responder is configured). */
    public boolean checksRevocation() {
        return !crls.isEmpty() || ocsp != null;
    }

    /** Loads every CRL (PEM or DER) from a file, or from the {@code .crl/.pem/.der} files of a folder. */
    public static List<X509CRL> loadCrls(Path fileOrFolder) {
        List<Path> files;
        if (Files.isDirectory(fileOrFolder)) {
            try (Stream<Path> listing = Files.list(fileOrFolder)) {
                files = listing.filter(f -> {
                    String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                    return Files.isRegularFile(f) && (name.endsWith(".crl") || name.endsWith(".pem")
                            || name.endsWith(".der"));
                }).sorted().toList();
            } catch (IOException e) {
                throw new KeyMaterialException("cannot list CRL folder " + fileOrFolder.toAbsolutePath() + ": "
                        + e.getMessage(), e);
            }
        } else if (Files.isRegularFile(fileOrFolder)) {
            files = List.of(fileOrFolder);
        } else {
            throw new KeyMaterialException("CRL path " + fileOrFolder.toAbsolutePath() + " does not exist");
        }
        List<X509CRL> loaded = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                for (java.security.cert.CRL crl : CertificateFactory.getInstance("X.509").generateCRLs(in)) {
                    loaded.add((X509CRL) crl);
                }
            } catch (IOException | GeneralSecurityException e) {
                throw new KeyMaterialException("cannot read CRL file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
            }
        }
        return loaded;
    }

    /** Trust exactly these certificates. */
    public static TrustAnchors of(X509Certificate... certificates) {
        return new TrustAnchors(List.of(certificates));
    }

    /** Trust nothing: every signature is at best INDETERMINATE. */
    public static TrustAnchors none() {
        return new TrustAnchors(List.of());
    }

    /**
     * Loads every certificate (PEM or DER, several per PEM file allowed) from a file, or from the
     * {@code .pem/.crt/.cer/.der} files of a folder (not recursive).
     */
    public static TrustAnchors load(Path fileOrFolder) {
        List<Path> files;
        if (Files.isDirectory(fileOrFolder)) {
            try (Stream<Path> listing = Files.list(fileOrFolder)) {
                files = listing.filter(TrustAnchors::looksLikeCertificateFile).sorted().toList();
            } catch (IOException e) {
                throw new KeyMaterialException("cannot list trust anchor folder " + fileOrFolder.toAbsolutePath() + ": " + e.getMessage(), e);
            }
        } else if (Files.isRegularFile(fileOrFolder)) {
            files = List.of(fileOrFolder);
        } else {
            throw new KeyMaterialException("trust anchor path " + fileOrFolder.toAbsolutePath() + " does not exist");
        }
        List<X509Certificate> loaded = new ArrayList<>();
        for (Path file : files) {
            loaded.addAll(readCertificates(file));
        }
        return new TrustAnchors(loaded);
    }

    /** The trusted certificates. */
    public List<X509Certificate> certificates() {
        return certificates;
    }

    /**
     * Orders the signer's chain from the certificates that came with the signature and checks it
     * against the anchors at {@code at} (normally now).
     *
     * @param signer the certificate whose key verified the signature
     * @param others further certificates shipped with the signature (intermediates, maybe the root)
     */
    public CertificateCheck check(X509Certificate signer, Collection<X509Certificate> others, Instant at) {
        List<X509Certificate> chain = orderChain(signer, others);
        List<String> reasons = new ArrayList<>();

        boolean[] keyUsage = signer.getKeyUsage();
        if (keyUsage != null && !keyUsage[0] && !keyUsage[1]) {
            reasons.add("signer certificate is not meant for signing: key usage has neither digitalSignature nor nonRepudiation");
        }
        Instant validationTime = at;
        for (X509Certificate certificate : chain) {
            Instant notAfter = certificate.getNotAfter().toInstant();
            Instant notBefore = certificate.getNotBefore().toInstant();
            if (at.isAfter(notAfter)) {
                reasons.add("certificate expired on " + notAfter + ": " + subject(certificate));
            } else if (at.isBefore(notBefore)) {
                reasons.add("certificate not valid before " + notBefore + ": " + subject(certificate));
            }
        }
        if (!reasons.isEmpty()) {
            // Time problems are already reported; check the path at a moment all certificates were
            // valid, so the report still tells whether the chain itself reaches a trusted CA.
            validationTime = latestCommonValidity(chain, at);
        }

        boolean trusted = false;
        if (certificates.isEmpty()) {
            reasons.add("certificate not trusted: no trust anchors are configured");
        } else if (certificates.contains(signer)) {
            trusted = true;
        } else {
            String problem = validatePath(chain, validationTime);
            if (problem == null) {
                trusted = true;
            } else {
                reasons.add(problem);
            }
        }
        return new CertificateCheck(chain, trusted, reasons, revocations(chain, at));
    }

    /**
     * Why a certificate of the chain is revoked, per a configured CRL its issuer signed (empty when none is). Only
     * configured CRLs are read; distribution points named in the certificates are never fetched.
     */
    private List<String> revocations(List<X509Certificate> chain, Instant at) {
        List<String> revoked = new ArrayList<>();
        if (!checksRevocation()) {
            return revoked;
        }
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate certificate = chain.get(i);
            if (certificates.contains(certificate)) {
                break;
            }
            X509Certificate issuer = i + 1 < chain.size() ? chain.get(i + 1) : null;
            if (issuer == null) {
                continue;
            }
            for (X509CRL crl : crls) {
                if (!crl.getIssuerX500Principal().equals(certificate.getIssuerX500Principal()) || !signedBy(crl, issuer)) {
                    continue;
                }
                X509CRLEntry entry = crl.getRevokedCertificate(certificate);
                if (entry != null && !entry.getRevocationDate().toInstant().isAfter(at)) {
                    revoked.add("certificate revoked on " + entry.getRevocationDate().toInstant()
                            + (entry.getRevocationReason() == null ? "" : " (" + entry.getRevocationReason() + ")")
                            + " per the CRL of " + subject(issuer) + ": " + subject(certificate));
                    break;
                }
            }
            if (ocsp != null && revoked.isEmpty()) {
                OcspResponder.Verdict verdict = ocsp.check(certificate, issuer);
                if (verdict instanceof OcspResponder.Verdict.Revoked r && !r.at().isAfter(at)) {
                    revoked.add("certificate revoked on " + r.at() + (r.reason() == null ? "" : " (" + r.reason() + ")")
                            + " per the OCSP responder " + ocsp.address() + ": " + subject(certificate));
                } else if (verdict instanceof OcspResponder.Verdict.Unknown u) {
                    revoked.add("revocation could not be checked: " + u.why() + ": " + subject(certificate));
                }
            }
        }
        return revoked;
    }

    private static boolean signedBy(X509CRL crl, X509Certificate issuer) {
        try {
            crl.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private String validatePath(List<X509Certificate> chain, Instant at) {
        Set<TrustAnchor> anchors = new HashSet<>();
        for (X509Certificate anchor : certificates) {
            anchors.add(new TrustAnchor(anchor, null));
        }
        List<X509Certificate> path = new ArrayList<>();
        for (X509Certificate certificate : chain) {
            if (certificates.contains(certificate)) {
                break; // the anchor itself is not part of a PKIX path
            }
            path.add(certificate);
        }
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
            return null;
        } catch (CertPathValidatorException e) {
            if (e.getReason() == CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS
                    || e.getReason() == CertPathValidatorException.BasicReason.UNSPECIFIED
                    || e.getReason() == java.security.cert.PKIXReason.NO_TRUST_ANCHOR) {
                return "certificate not trusted: no path to a configured trust anchor (chain ends at "
                        + subject(chain.get(chain.size() - 1)) + ")";
            }
            return "certificate not trusted: " + e.getMessage();
        } catch (GeneralSecurityException e) {
            return "certificate not trusted: the chain cannot be checked: " + e.getMessage();
        }
    }

    private List<X509Certificate> orderChain(X509Certificate signer, Collection<X509Certificate> others) {
        List<X509Certificate> candidates = new ArrayList<>(others);
        candidates.addAll(certificates);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(signer);
        X509Certificate current = signer;
        while (chain.size() < MAX_CHAIN_LENGTH && !isSelfIssued(current) && !certificates.contains(current)) {
            X509Certificate issuer = findIssuer(current, candidates, chain);
            if (issuer == null) {
                break;
            }
            chain.add(issuer);
            current = issuer;
        }
        return chain;
    }

    private static X509Certificate findIssuer(X509Certificate child, List<X509Certificate> candidates, List<X509Certificate> used) {
        for (X509Certificate candidate : candidates) {
            if (!used.contains(candidate) && candidate.getSubjectX500Principal().equals(child.getIssuerX500Principal())) {
                try {
                    // Same name is not enough: only the CA whose key signed the certificate is its issuer.
                    child.verify(candidate.getPublicKey());
                    return candidate;
                } catch (GeneralSecurityException e) {
                    // not this one; keep looking
                }
            }
        }
        return null;
    }

    private static Instant latestCommonValidity(List<X509Certificate> chain, Instant at) {
        Instant earliestEnd = Instant.MAX;
        Instant latestStart = Instant.MIN;
        for (X509Certificate certificate : chain) {
            Instant end = certificate.getNotAfter().toInstant();
            Instant start = certificate.getNotBefore().toInstant();
            earliestEnd = end.isBefore(earliestEnd) ? end : earliestEnd;
            latestStart = start.isAfter(latestStart) ? start : latestStart;
        }
        if (latestStart.isAfter(earliestEnd)) {
            return at; // never all valid at once; let PKIX report it
        }
        if (at.isAfter(earliestEnd)) {
            return earliestEnd;
        }
        return at.isBefore(latestStart) ? latestStart : at;
    }

    private static boolean isSelfIssued(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    }

    private static boolean looksLikeCertificateFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file)
                && (name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer") || name.endsWith(".der"));
    }

    private static List<X509Certificate> readCertificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> result = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                result.add((X509Certificate) certificate);
            }
            if (result.isEmpty()) {
                throw new KeyMaterialException("trust anchor file " + file.toAbsolutePath() + " holds no certificate");
            }
            return result;
        } catch (IOException | GeneralSecurityException e) {
            throw new KeyMaterialException("cannot read trust anchor file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    /**
     * What the trust check found.
     *
     * @param chain signer first, as far as it could be built (may end at an anchor)
     * @param trusted whether the chain reaches a configured trust anchor
     * @param reasons why the certificate cannot be relied on now (empty when all is well)
     * @param revocations why a certificate of the chain is revoked, per a configured CRL (empty when none is)
     */
    public record CertificateCheck(List<X509Certificate> chain, boolean trusted, List<String> reasons,
                                   List<String> revocations) {

        public CertificateCheck {
            chain = List.copyOf(chain);
            reasons = List.copyOf(reasons);
            revocations = List.copyOf(revocations);
        }

        public CertificateCheck(List<X509Certificate> chain, boolean trusted, List<String> reasons) {
            this(chain, trusted, reasons, List.of());
        }
    }
}
