package vn.lienthong.gateway.edxml;

import java.util.List;
import java.util.Optional;

/**
 * The business action of a package (nghiệp vụ): new, recall, update or replace, with its reason and
 * details; the element keeps the standard's spelling "Bussiness".
 */
public record Bussiness(String documentId, String bussinessDocType, String bussinessDocReason, String paper,
                        BussinessDocumentInfo bussinessDocumentInfo, List<ReplacementInfo> replacementInfoList,
                        StaffInfo staffInfo, List<XmlElement> unknownElements) {

    public Bussiness {
        replacementInfoList = Lists.copy(replacementInfoList);
        unknownElements = Lists.copy(unknownElements);
    }

    /** The typed action; empty when the value is not one of 0–3 (the validator reports it). */
    public Optional<BussinessDocType> docType() {
        return BussinessDocType.fromCode(bussinessDocType);
    }
}
