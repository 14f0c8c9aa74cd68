package vn.lienthong.gateway.document;

import java.util.List;

import vn.lienthong.gateway.edxml.EdxmlException;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.FieldError;
import vn.lienthong.gateway.error.GatewayException;

/** Translates the edXML codec's failures into the gateway's error vocabulary. */
public final class DocumentErrors {

    private DocumentErrors() {
    }

    public static GatewayException of(EdxmlException e) {
        ErrorCode code = switch (e.reason()) {
            case EDXML_HOSTILE_XML -> ErrorCode.HOSTILE_XML;
            case EDXML_MALFORMED -> ErrorCode.MALFORMED_REQUEST;
            case EDXML_LIMIT_EXCEEDED, EDXML_INVALID, EDXML_ATTACHMENT -> ErrorCode.EDXML_INVALID;
            case EDXML_IO -> ErrorCode.INTERNAL_ERROR;
        };
        String detail = switch (e.reason()) {
            case EDXML_HOSTILE_XML -> "The edXML package was refused for safety: " + e.getMessage();
            case EDXML_MALFORMED -> "The edXML package is not well-formed: " + e.getMessage();
            case EDXML_IO -> "The edXML package could not be stored for processing: " + e.getMessage();
            default -> "The edXML package is not valid: " + e.getMessage();
        };
        return new GatewayException(code, detail, List.of(new FieldError("", e.reason() + ": " + e.getMessage())), e);
    }
}
