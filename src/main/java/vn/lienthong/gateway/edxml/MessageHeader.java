package vn.lienthong.gateway.edxml;

import java.util.List;

/** The document's metadata ({@code MessageHeader} of a document package). */
public record MessageHeader(Organization from, List<Organization> to, String documentId, Code code,
                            PromulgationInfo promulgationInfo, DocumentType documentType, String subject,
                            String content, SignerInfo signerInfo, String dueDate, OtherInfo otherInfo,
                            List<ResponseFor> responseFor, String steeringType, List<String> toPlaces,
                            List<XmlElement> unknownElements) {

    public MessageHeader {
        to = Lists.copy(to);
        responseFor = Lists.copy(responseFor);
        toPlaces = Lists.copy(toPlaces);
        unknownElements = Lists.copy(unknownElements);
    }
}
