package vn.lienthong.gateway.document;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the national document axis connector ({@code gateway.axis}); the axis endpoint itself is
 * {@code config/systems/national-axis.yml}.
 *
 * @param systemId        the gateway's system id on the axis, sent as {@code systemid} with every request
 * @param secret          the HMAC-SHA256 secret shared with the axis; signs every request
 * @param pollInterval    how often the axis is asked for packages addressed to this agency
 * @param requestTimeout  how long one axis request may take (connect and answer)
 * @param maxAttempts     transient failures of one received package before it is acknowledged {@code fail}
 * @param maxPackageSize  largest edXML package taken from the axis or the document office
 * @param agency          this agency as it appears in {@code From} of the packages the gateway sends
 * @param signing         the agency's PKCS#12 signing key
 * @param trustAnchors    PEM/DER file or folder of the CA certificates trusted for incoming signatures
 * @param signaturePolicy what to do with an incoming package whose signatures are not all valid
 */
@ConfigurationProperties("gateway.axis")
public record AxisProperties(String systemId, String secret, Duration pollInterval, Duration requestTimeout,
                             int maxAttempts, DataSize maxPackageSize, Agency agency, Signing signing,
                             Path trustAnchors, SignaturePolicies signaturePolicy) {

    public AxisProperties {
        pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
        maxAttempts = maxAttempts <= 0 ? 10 : maxAttempts;
        maxPackageSize = maxPackageSize == null ? DataSize.ofMegabytes(512) : maxPackageSize;
        signaturePolicy = signaturePolicy == null ? new SignaturePolicies(SignaturePolicy.REJECT, Map.of())
                : signaturePolicy;
    }

    /**
     * @param organId   agency identifier (mã định danh), e.g. {@code 000.00.31.H19}
     * @param organName agency name
     * @param organAdd  postal address
     * @param email     contact e-mail
     * @param telephone contact telephone
     */
    public record Agency(String organId, String organName, String organAdd, String email, String telephone) {
    }

    /**
     * @param keyStore PKCS#12 file holding the agency key and certificate chain
     * @param password its password
     * @param alias    the key entry's alias
     * @param demoKeys create a demo CA and key in the key store's folder when it does not exist (demo only)
     */
    public record Signing(Path keyStore, String password, String alias, boolean demoKeys) {
    }

    /**
     * @param defaultPolicy the policy for agencies not listed
     * @param byAgency      policy per sending agency identifier
     */
    public record SignaturePolicies(SignaturePolicy defaultPolicy, Map<String, SignaturePolicy> byAgency) {

        public SignaturePolicies {
            defaultPolicy = defaultPolicy == null ? SignaturePolicy.REJECT : defaultPolicy;
            byAgency = byAgency == null ? Map.of() : Map.copyOf(byAgency);
        }

        /** The policy for packages from {@code organId}. */
        public SignaturePolicy forAgency(String organId) {
            return organId == null ? defaultPolicy : byAgency.getOrDefault(organId, defaultPolicy);
        }
    }

    /** {@code reject}: answer status 02 with the reason; {@code flag}: deliver with the signature report. */
    public enum SignaturePolicy { REJECT, FLAG }
}
