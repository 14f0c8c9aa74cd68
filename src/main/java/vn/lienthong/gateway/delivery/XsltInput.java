package vn.lienthong.gateway.delivery;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import vn.lienthong.gateway.support.SecureXml;

/**
 * Hands a JSON payload to an XSLT 3 mapping: a document {@code <json>…</json>} whose text the
 * stylesheet reads with {@code parse-json()}. Built with DOM, so no content is ever concatenated into XML.
 */
@Component("xsltInput")
public class XsltInput {

    public Document wrapJson(Exchange exchange) {
        Document document = SecureXml.newDocument();
        Element root = document.createElement("json");
        root.setTextContent(exchange.getIn().getBody(String.class));
        document.appendChild(root);
        return document;
    }
}
