package vn.lienthong.gateway.document;

import java.io.IOException;
import java.text.Normalizer;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ExchangeProperty;
import org.springframework.stereotype.Component;

import vn.lienthong.gateway.delivery.DeliveryHeaders;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.GatewayException;

/**
 * What {@code routes/kamelets/document-file-sink.kamelet.yaml} writes into a document office's inbox folder:
 * the edXML package itself, taken from the office message ({@link DocumentOfficeMessages}), under a file name
 * made from the DocumentId (readable, but without '/' and other characters folders or shares dislike) and the
 * message id. Not part of the axis feature, so the delivery routes can be built without it.
 */
@Component("documentOfficeFiles")
public class DocumentOfficeFiles {

    /** Long names trouble some shares and archivers; the message id keeps the name unique anyway. */
    private static final int MAX_DOCUMENT_PART = 100;

    private final ObjectMapper mapper;
    private final PackageStore packages;

    public DocumentOfficeFiles(ObjectMapper mapper, PackageStore packages) {
        this.mapper = mapper;
        this.packages = packages;
    }

    /**
     * The original edXML package: the bytes carried Base64 in the office message's {@code edxml} field, or, for a
     * large package ({@code edxmlLink}), its file in the claim check, which the file component copies as a stream.
     */
    public Object edxml(byte[] officeMessage) {
        JsonNode json;
        try {
            json = mapper.readTree(officeMessage);
        } catch (IOException e) {
            throw new GatewayException(ErrorCode.MAPPING_FAILED, "The document office message is not JSON: "
                    + e.getMessage(), e);
        }
        JsonNode edxml = json == null ? null : json.get("edxml");
        String href = json == null ? null : json.path("edxmlLink").path("href").asText(null);
        if ((edxml == null || !edxml.isTextual()) && href != null && href.startsWith(PackageController.PATH)) {
            return packages.get(href.substring(PackageController.PATH.length())).file().toFile();
        }
        if (edxml == null || !edxml.isTextual()) {
            throw new GatewayException(ErrorCode.MAPPING_FAILED, "The document office message carries no edXML"
                    + " package ('edxml'), so there is nothing to write into the office's folder");
        }
        return Base64.getDecoder().decode(edxml.asText());
    }

    /** {@code <document id, made safe>_<message id>.edxml}. */
    public String fileName(@ExchangeProperty(DeliveryHeaders.CORRELATION_ID) String documentId,
                           @ExchangeProperty(DeliveryHeaders.MESSAGE_ID) String messageId) {
        String document = safe(documentId == null ? "document" : documentId);
        if (document.length() > MAX_DOCUMENT_PART) {
            document = document.substring(0, MAX_DOCUMENT_PART);
        }
        return document + "_" + safe(messageId) + ".edxml";
    }

    /**
     * ASCII letters, digits, '.', '-' and '_' only: '/' becomes '-', ',' becomes '_', Vietnamese letters lose
     * their marks (Đ → D), anything else becomes '_'; a leading '.' (a hidden file) becomes '_'.
     * {@code 000.00.00.G22,2015/09/30,7816/VPCP-TTĐT} → {@code 000.00.00.G22_2015-09-30_7816-VPCP-TTDT}.
     */
    static String safe(String value) {
        String plain = Normalizer.normalize(value.replace('Đ', 'D').replace('đ', 'd'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
        StringBuilder out = new StringBuilder(plain.length());
        for (char c : plain.toCharArray()) {
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
                    || c == '_') {
                out.append(c);
            } else {
                out.append(c == '/' ? '-' : '_');
            }
        }
        if (out.isEmpty() || out.charAt(0) == '.') {
            out.insert(0, '_');
        }
        return out.toString();
    }
}
