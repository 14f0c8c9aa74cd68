package vn.lienthong.gateway.edxml;

import java.util.List;

/** What an edXML package carries: a document or a status message about one. */
public sealed interface EdxmlMessage permits EdxmlDocument, EdxmlStatus {

    /** The sending agency. */
    Organization from();

    /** The Signature element as read (not verified here), or null when unsigned. */
    XmlElement signature();

    /** Children of {@code edXMLHeader} this codec does not know, kept for writing back. */
    List<XmlElement> unknownHeaderElements();
}
