package vn.lienthong.gateway.delivery;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import vn.lienthong.gateway.support.SecureXml;

/**
 * Hands a JSON payload to an XSLT 3 mapping: a document {@code <json>…</json>} whose text the
 * stylesheet reads with {@code parse-json()}. Built with DOM, so no content is ever concatenated into XML.
 */
final class XsltInput {

    private XsltInput() {
    }

    /** {@code <json>} holding {@code json} as text. */
    static Document wrap(String json) {
        Document document = SecureXml.newDocument();
        Element root = document.createElement("json");
        root.setTextContent(json);
        document.appendChild(root);
        return document;
    }
}
