package vn.lienthong.gateway.edxml;

import java.util.List;
import java.util.Optional;

/** An edXML document package (gói tin văn bản điện tử): header, trace, manifest and attachments. */
public record EdxmlDocument(MessageHeader messageHeader, TraceHeaderList traceHeaderList, XmlElement signature,
                            List<XmlElement> unknownHeaderElements, Manifest manifest,
                            List<Attachment> attachments) implements EdxmlMessage {

    public EdxmlDocument {
        unknownHeaderElements = Lists.copy(unknownHeaderElements);
        attachments = Lists.copy(attachments);
    }

    @Override
    public Organization from() {
        return messageHeader == null ? null : messageHeader.from();
    }

    /** The business action from {@code TraceHeaderList/Bussiness}, if present and known. */
    public Optional<BussinessDocType> bussinessDocType() {
        return Optional.ofNullable(traceHeaderList).map(TraceHeaderList::bussiness).flatMap(Bussiness::docType);
    }

    /** The attachment with this ContentId, given with or without {@code cid:}. */
    public Optional<Attachment> attachment(String contentId) {
        String wanted = Edxml.normaliseContentId(contentId);
        return attachments.stream().filter(a -> wanted != null && wanted.equals(a.contentId())).findFirst();
    }

    /** Deletes the temporary files holding attachment bytes; the document must not be read after. */
    public void discardAttachments() {
        attachments.stream().map(Attachment::content).filter(c -> c != null).forEach(AttachmentContent::discard);
    }
}
