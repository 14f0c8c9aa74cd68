package vn.lienthong.gateway.signature;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The OCSP responder the agency configures ({@code gateway.axis.revocation.ocsp-responder}), asked whether a
 * signer's certificate is revoked. Only this address is ever called: the OCSP address a certificate names
 * (its authority information access) is never used, so a sender cannot make the gateway fetch a URL.
 * The answer must be signed by the certificate's issuer, or by a responder certificate that the issuer signed
 * for OCSP signing; anything else counts as no answer.
 */
public final class OcspResponder {

    /** The responder's verdict on one certificate. */
    public sealed interface Verdict {
        /** Not revoked at the time asked about. */
        record Good() implements Verdict { }

        /** Revoked: when, and why when the responder says. */
        record Revoked(Instant at, String reason) implements Verdict { }

        /** No usable answer (unreachable, unknown certificate, unsigned or wrongly signed answer): why. */
        record Unknown(String why) implements Verdict { }
    }

    private final URI address;
    private final Duration timeout;
    private final HttpClient http;

    public OcspResponder(URI address, Duration timeout) {
        this.address = address;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public URI address() {
        return address;
    }

    /** Asks about {@code certificate}, issued by {@code issuer}. */
    public Verdict check(X509Certificate certificate, X509Certificate issuer) {
        try {
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
            CertificateID id = new CertificateID(digests.get(CertificateID.HASH_SHA1), issuerHolder,
                    certificate.getSerialNumber());
            byte[] request = new OCSPReqBuilder().addRequest(id).build().getEncoded();
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(address).timeout(timeout)
                    .header("Content-Type", "application/ocsp-request").header("Accept", "application/ocsp-response")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                return new Verdict.Unknown("the OCSP responder " + address + " answered HTTP " + answer.statusCode());
            }
            OCSPResp response = new OCSPResp(answer.body());
            if (response.getStatus() != OCSPResp.SUCCESSFUL || !(response.getResponseObject() instanceof BasicOCSPResp basic)) {
                return new Verdict.Unknown("the OCSP responder " + address + " gave no answer (status "
                        + response.getStatus() + ")");
            }
            if (!signedForIssuer(basic, issuerHolder)) {
                return new Verdict.Unknown("the OCSP answer from " + address + " is not signed by the issuer "
                        + issuer.getSubjectX500Principal().getName() + " or a responder it authorised");
            }
            for (SingleResp single : basic.getResponses()) {
                if (!matches(single.getCertID(), id)) {
                    continue;
                }
                Object status = single.getCertStatus();
                if (status == CertificateStatus.GOOD) {
                    return new Verdict.Good();
                }
                if (status instanceof RevokedStatus revoked) {
                    String reason = revoked.hasRevocationReason() ? reasonName(revoked.getRevocationReason()) : null;
                    return new Verdict.Revoked(revoked.getRevocationTime().toInstant(), reason);
                }
                return new Verdict.Unknown("the OCSP responder " + address + " does not know the certificate");
            }
            return new Verdict.Unknown("the OCSP answer from " + address + " is about another certificate");
        } catch (IOException e) {
            return new Verdict.Unknown("the OCSP responder " + address + " could not be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Verdict.Unknown("interrupted while asking the OCSP responder " + address);
        } catch (OCSPException | org.bouncycastle.operator.OperatorCreationException
                 | java.security.cert.CertificateEncodingException | RuntimeException e) {
            return new Verdict.Unknown("the OCSP answer from " + address + " could not be read: " + e.getMessage());
        }
    }

    private static boolean matches(CertificateID a, CertificateID b) {
        BigInteger serial = b.getSerialNumber();
        return a.getSerialNumber().equals(serial) && java.util.Arrays.equals(a.getIssuerKeyHash(), b.getIssuerKeyHash())
                && java.util.Arrays.equals(a.getIssuerNameHash(), b.getIssuerNameHash());
    }

    private static boolean signedForIssuer(BasicOCSPResp basic, X509CertificateHolder issuer) {
        try {
            JcaContentVerifierProviderBuilder verifiers = new JcaContentVerifierProviderBuilder();
            if (basic.isSignatureValid(verifiers.build(issuer))) {
                return true;
            }
            for (X509CertificateHolder responder : basic.getCerts()) {
                ContentVerifierProvider byIssuer = verifiers.build(issuer);
                boolean delegated = responder.isSignatureValid(byIssuer) && Optional.ofNullable(
                                ExtendedKeyUsage.fromExtensions(responder.getExtensions()))
                        .map(eku -> eku.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning)).orElse(false)
                        && responder.getExtension(Extension.extendedKeyUsage) != null;
                if (delegated && basic.isSignatureValid(verifiers.build(responder))) {
                    return true;
                }
            }
            return false;
        } catch (OCSPException | org.bouncycastle.operator.OperatorCreationException
                 | org.bouncycastle.cert.CertException | java.security.cert.CertificateException e) {
            return false;
        }
    }

    private static String reasonName(int code) {
        return switch (code) {
            case 1 -> "key compromise";
            case 2 -> "CA compromise";
            case 3 -> "affiliation changed";
            case 4 -> "superseded";
            case 5 -> "cessation of operation";
            case 6 -> "certificate hold";
            case 9 -> "privilege withdrawn";
            default -> "reason " + code;
        };
    }
}
