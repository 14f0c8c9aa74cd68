package vn.lienthong.gateway.document;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.springframework.stereotype.Component;

import vn.lienthong.gateway.edxml.Edxml;
import vn.lienthong.gateway.edxml.EdxmlMessage;
import vn.lienthong.gateway.edxml.EdxmlSchema;
import vn.lienthong.gateway.edxml.EdxmlStatus;
import vn.lienthong.gateway.edxml.EdxmlValidator;
import vn.lienthong.gateway.edxml.EdxmlWriter;
import vn.lienthong.gateway.edxml.Organization;
import vn.lienthong.gateway.edxml.ResponseFor;
import vn.lienthong.gateway.edxml.StaffInfo;
import vn.lienthong.gateway.edxml.StatusCode;
import vn.lienthong.gateway.edxml.TraceHeader;
import vn.lienthong.gateway.edxml.TraceHeaderList;
import vn.lienthong.gateway.signature.XmlSigner;

/**
 * Builds the packages the gateway sends on the axis for its agency: checked by the validator and the XSD,
 * then signed with the agency key (enveloped XMLDSig), so nothing unchecked or unsigned leaves the gateway.
 */
@NationalAxisFeature
@Component
public class EdxmlPackages {

    /** Vietnam's time, in which edXML timestamps are written. */
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final AxisProperties properties;
    private final XmlSigner signer;
    private final EdxmlSchema schema;
    private final EdxmlValidator validator = new EdxmlValidator();
    private final EdxmlWriter writer = new EdxmlWriter();

    public EdxmlPackages(AxisProperties properties, XmlSigner signer, EdxmlSchema schema) {
        this.properties = properties;
        this.signer = signer;
        this.schema = schema;
    }

    /** This agency as {@code From}. */
    public Organization agency() {
        AxisProperties.Agency a = properties.agency();
        return new Organization(a.organId(), null, a.organName(), a.organAdd(), a.email(), a.telephone(), null, null,
                List.of());
    }

    /** The agency identifier. */
    public String agencyId() {
        return properties.agency().organId();
    }

    /** Now, as an edXML timestamp ({@code yyyy/MM/dd HH:mm:ss}, Vietnam time). */
    public static String timestamp() {
        return Edxml.format(LocalDateTime.now(VIETNAM).withNano(0));
    }

    /** The trace header of a package this agency sends now. */
    public TraceHeaderList trace() {
        return new TraceHeaderList(List.of(new TraceHeader(agencyId(), timestamp())), null);
    }

    /**
     * A signed status message of this agency about a document it received.
     *
     * @param document the received document (its sender, number, date and id go into {@code ResponseFor})
     */
    public byte[] status(DocumentStore.DocumentRow document, StatusCode code, String description, StaffInfo staff) {
        EdxmlStatus status = new EdxmlStatus(agency(), new ResponseFor(document.fromOrganId(), document.code(),
                document.promulgationDate(), document.documentId()), staff, code.code(), description, timestamp(),
                trace(), List.of(), null, List.of());
        return checkAndSign(status);
    }

    /** Validates, writes, XSD-checks and signs a package built by the gateway. */
    public byte[] checkAndSign(EdxmlMessage message) {
        validator.requireValid(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(message, out);
        return checkAndSign(out.toByteArray());
    }

    /**
     * XSD-checks and signs the package in {@code unsigned} into {@code signed}, reading it as a stream: a large one
     * ({@code large}) is checked with its attachments' text elided ({@link EdxmlSchema#validateLarge}), so no package
     * is held in memory whatever its size.
     */
    public void checkAndSign(java.nio.file.Path unsigned, java.nio.file.Path signed, boolean large) {
        if (large) {
            schema.validateLarge(unsigned);
        } else {
            schema.validate(unsigned);
        }
        signer.sign(unsigned, signed);
    }

    /** XSD-checks and signs an edXML package given as bytes. */
    public byte[] checkAndSign(byte[] xml) {
        schema.validate(new ByteArrayInputStream(xml));
        return signer.sign(xml);
    }
}
