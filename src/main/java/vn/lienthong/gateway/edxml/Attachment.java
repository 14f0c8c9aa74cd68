package vn.lienthong.gateway.edxml;

import java.nio.file.Path;

/**
 * One attached file of {@code AttachmentEncoded}; ContentId is kept without {@code cid:} and
 * {@code content} holds the decoded bytes (usually a zip, as the samples send them).
 */
public record Attachment(String contentId, String attachmentName, String description, String contentType,
                         AttachmentContent content) {

    public Attachment {
        contentId = Edxml.normaliseContentId(contentId);
    }

    /**
     * A file to send the way the samples do: zipped (one entry, named like the file), content type
     * {@code application/zip}, the file name as attachment name; the zip is made in {@code workDir}.
     */
    public static Attachment zipped(String contentId, Path file, String description, Path workDir) {
        String name = file.getFileName().toString();
        return new Attachment(contentId, name, description, "application/zip",
                AttachmentContent.zipOf(file, name, workDir));
    }
}
