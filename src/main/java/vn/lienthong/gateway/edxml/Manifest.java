package vn.lienthong.gateway.edxml;

import java.util.List;

/** The list of attachments announced in {@code edXMLBody/edXMLManifest}. */
public record Manifest(String version, List<ManifestReference> references) {

    public Manifest {
        references = Lists.copy(references);
    }

    /** The manifest announcing exactly these attachments, version 1.0 as in the samples. */
    public static Manifest of(List<Attachment> attachments) {
        return new Manifest("1.0", attachments.stream()
                .map(a -> new ManifestReference(a.contentId(), a.contentType(), a.description(), a.attachmentName()))
                .toList());
    }
}
