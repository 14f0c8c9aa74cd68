package vn.lienthong.gateway.edxml;

import java.util.ArrayList;
import java.util.List;

import vn.lienthong.gateway.edxml.EdxmlException.Reason;

/** Maps the envelope read by {@link EdxmlParser} to the model; the one place that knows the header layout. */
final class EnvelopeMapper {

    private EnvelopeMapper() {
    }

    static EdxmlMessage map(XmlElement envelopeElement, List<Attachment> attachments) {
        ElementView envelope = new ElementView(envelopeElement);
        ElementView header = envelope.child("edXMLHeader").orElseThrow(() -> new EdxmlException(
                Reason.EDXML_MALFORMED, "edXML package has no edXMLEnvelope/edXMLHeader"));
        ElementView messageHeader = header.child("MessageHeader").orElseThrow(() -> new EdxmlException(
                Reason.EDXML_MALFORMED, "edXML package has no edXMLHeader/MessageHeader"));
        TraceHeaderList trace = header.child("TraceHeaderList").map(EnvelopeMapper::traceHeaderList).orElse(null);
        XmlElement signature = header.child("Signature").map(ElementView::element).orElse(null);
        List<XmlElement> unknownHeader = header.unknown();

        // A status message is recognised by its StatusCode: it is the one element only statuses have.
        if (messageHeader.element().child("StatusCode").isPresent()) {
            if (!attachments.isEmpty()) {
                attachments.forEach(a -> {
                    if (a.content() != null) {
                        a.content().discard();
                    }
                });
                throw new EdxmlException(Reason.EDXML_INVALID, "an edXML status message cannot carry attachments");
            }
            return status(messageHeader, trace, signature, unknownHeader);
        }
        Manifest manifest = envelope.child("edXMLBody")
                .flatMap(body -> body.child("edXMLManifest"))
                .map(EnvelopeMapper::manifest)
                .orElse(null);
        return new EdxmlDocument(messageHeader(messageHeader), trace, signature, unknownHeader, manifest, attachments);
    }

    private static EdxmlStatus status(ElementView h, TraceHeaderList trace, XmlElement signature,
                                      List<XmlElement> unknownHeader) {
        Organization from = h.child("From").map(EnvelopeMapper::organization).orElse(null);
        ResponseFor responseFor = h.child("ResponseFor").map(EnvelopeMapper::responseFor).orElse(null);
        StaffInfo staffInfo = h.child("StaffInfo").map(EnvelopeMapper::staffInfo).orElse(null);
        return new EdxmlStatus(from, responseFor, staffInfo, h.text("StatusCode"), h.text("Description"),
                h.text("Timestamp"), trace, h.unknown(), signature, unknownHeader);
    }

    private static MessageHeader messageHeader(ElementView h) {
        Organization from = h.child("From").map(EnvelopeMapper::organization).orElse(null);
        List<Organization> to = h.children("To").stream().map(EnvelopeMapper::organization).toList();
        String documentId = h.text("DocumentId");
        Code code = h.child("Code").map(c -> new Code(c.text("CodeNumber"), c.text("CodeNotation"))).orElse(null);
        PromulgationInfo promulgation = h.child("PromulgationInfo")
                .map(p -> new PromulgationInfo(p.text("Place"), p.text("PromulgationDate"))).orElse(null);
        DocumentType type = h.child("DocumentType")
                .map(t -> new DocumentType(t.text("Type"), t.text("TypeDetail"), t.text("TypeName"))).orElse(null);
        String subject = h.text("Subject");
        String content = h.text("Content");
        SignerInfo signer = h.child("SignerInfo")
                .map(s -> new SignerInfo(s.text("Competence"), s.text("Position"), s.text("FullName"))).orElse(null);
        String dueDate = h.text("DueDate");
        OtherInfo otherInfo = h.child("OtherInfo").map(EnvelopeMapper::otherInfo).orElse(null);
        List<ResponseFor> responseFor = h.children("ResponseFor").stream().map(EnvelopeMapper::responseFor).toList();
        String steeringType = h.text("SteeringType");
        List<String> toPlaces = h.children("ToPlaces").stream().flatMap(p -> p.texts("Place").stream()).toList();
        return new MessageHeader(from, to, documentId, code, promulgation, type, subject, content, signer, dueDate,
                otherInfo, responseFor, steeringType, toPlaces, h.unknown());
    }

    private static Organization organization(ElementView o) {
        return new Organization(o.text("OrganId"), o.text("OrganizationInCharge"), o.text("OrganName"),
                o.text("OrganAdd"), o.text("Email"), o.text("Telephone"), o.text("Fax"), o.text("Website"),
                o.unknown());
    }

    private static OtherInfo otherInfo(ElementView o) {
        List<String> appendixes = o.children("Appendixes").stream()
                .flatMap(a -> a.texts("Appendix").stream()).toList();
        return new OtherInfo(o.text("Priority"), o.text("SphereOfPromulgation"), o.text("TyperNotation"),
                o.text("PromulgationAmount"), o.text("PageAmount"), o.text("Direction"), appendixes, o.unknown());
    }

    private static ResponseFor responseFor(ElementView r) {
        return new ResponseFor(r.text("OrganId"), r.text("Code"), r.text("PromulgationDate"), r.text("DocumentId"));
    }

    private static StaffInfo staffInfo(ElementView s) {
        return new StaffInfo(s.text("Department"), s.text("Staff"), s.text("Email"), s.text("Mobile"));
    }

    private static TraceHeaderList traceHeaderList(ElementView t) {
        List<TraceHeader> headers = t.children("TraceHeader").stream()
                .map(h -> new TraceHeader(h.text("OrganId"), h.text("Timestamp"))).toList();
        Bussiness bussiness = t.child("Bussiness").map(EnvelopeMapper::bussiness).orElse(null);
        return new TraceHeaderList(headers, bussiness);
    }

    private static Bussiness bussiness(ElementView b) {
        String documentId = b.text("DocumentId");
        String type = b.text("BussinessDocType");
        String reason = b.text("BussinessDocReason");
        String paper = b.text("Paper");
        BussinessDocumentInfo info = b.child("BussinessDocumentInfo").map(i -> new BussinessDocumentInfo(
                i.text("DocumentInfo"), i.text("DocumentReceiver"),
                i.children("ReceiverList").stream()
                        .flatMap(l -> l.children("Receiver").stream())
                        .map(r -> new Receiver(r.text("OrganId"), r.text("ReceiverType")))
                        .toList())).orElse(null);
        List<ReplacementInfo> replacements = new ArrayList<>();
        for (ElementView list : b.children("ReplacementInfoList")) {
            for (ElementView r : list.children("ReplacementInfo")) {
                List<String> organIds = r.children("OrganIdList").stream()
                        .flatMap(l -> l.texts("OrganId").stream()).toList();
                replacements.add(new ReplacementInfo(r.text("DocumentId"), organIds));
            }
        }
        StaffInfo staff = b.child("StaffInfo").map(EnvelopeMapper::staffInfo).orElse(null);
        return new Bussiness(documentId, type, reason, paper, info, replacements, staff, b.unknown());
    }

    private static Manifest manifest(ElementView m) {
        List<ManifestReference> references = m.children("Reference").stream()
                .map(r -> new ManifestReference(r.text("ContentId"), r.text("ContentType"), r.text("Description"),
                        r.text("AttachmentName")))
                .toList();
        return new Manifest(m.element().attribute("version").orElse(null), references);
    }
}
