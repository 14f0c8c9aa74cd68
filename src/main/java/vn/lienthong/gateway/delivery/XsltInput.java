package vn.lienthong.gateway.delivery;

import net.sf.saxon.s9api.BuildingStreamWriter;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.SaxonApiException;
import net.sf.saxon.s9api.XdmNode;

/**
 * Hands a JSON payload to an XSLT 3 mapping: a document {@code <json>…</json>} whose text the stylesheet reads
 * with {@code parse-json()}. Built as Saxon's own tree through its stream writer, so no content is ever
 * concatenated into XML, and no DOM is built for Saxon to copy (the DOM and its JAXP factory were a fifth of the
 * SOAP delivery's processor time in the benchmark's profile, docs/benchmarks.md).
 */
final class XsltInput {

    private XsltInput() {
    }

    /** {@code <json>} holding {@code json} as text. */
    static XdmNode wrap(Processor saxon, String json) throws SaxonApiException {
        BuildingStreamWriter writer = saxon.newDocumentBuilder().newBuildingStreamWriter();
        try {
            writer.writeStartDocument();
            writer.writeStartElement("json");
            writer.writeCharacters(json);
            writer.writeEndElement();
            writer.writeEndDocument();
        } catch (javax.xml.stream.XMLStreamException e) {
            throw new SaxonApiException(e);
        }
        return writer.getDocumentNode();
    }
}
