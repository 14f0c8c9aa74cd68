package vn.lienthong.gateway.edxml;

/** One entry of {@code edXMLManifest}: an attachment announced in the envelope; ContentId has no {@code cid:}. */
public record ManifestReference(String contentId, String contentType, String description, String attachmentName) {

    public ManifestReference {
        contentId = Edxml.normaliseContentId(contentId);
    }
}
