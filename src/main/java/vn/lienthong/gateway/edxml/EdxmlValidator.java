package vn.lienthong.gateway.edxml;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import vn.lienthong.gateway.edxml.EdxmlException.Reason;
import vn.lienthong.gateway.edxml.ValidationFinding.Severity;

/**
 * Business rules of QCVN 102:2016 the XSD cannot say: required fields, lengths, code lists and date
 * formats. Everything the samples break in practice but that does not stop delivery is a WARNING.
 */
public final class EdxmlValidator {

    /**
     * Agency identifier (mã định danh) as in {@code 000.00.00.H41}: three groups of digits, then a
     * letter and two digits. Only a WARNING: the samples carry {@code 28.22.H17}, and real agencies
     * keep sending older identifiers the axis still routes.
     */
    public static final Pattern AGENCY_ID = Pattern.compile("\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}");

    /** DocumentId as the samples write it: sender agency, promulgation date, number/notation. */
    private static final Pattern DOCUMENT_ID = Pattern.compile("([^,]+),(\\d{4}/\\d{2}/\\d{2}),(.+)");

    static final int ORGAN_ID_MAX = 13;
    static final int ORGAN_NAME_MAX = 200;
    static final int CODE_NUMBER_MAX = 11;
    static final int CODE_NOTATION_MAX = 30;
    static final int SUBJECT_MAX = 500;
    /** DocumentIds are keys in the gateway's store and tracking (200 characters there). */
    static final int DOCUMENT_ID_MAX = 200;

    /** Every finding for the message; an empty list means nothing to say. */
    public List<ValidationFinding> validate(EdxmlMessage message) {
        Findings f = new Findings();
        if (message instanceof EdxmlDocument document) {
            document(f, document);
        } else {
            status(f, (EdxmlStatus) message);
        }
        return List.copyOf(f.list);
    }

    /** Throws EDXML_INVALID listing every ERROR; returns the warnings otherwise. */
    public List<ValidationFinding> requireValid(EdxmlMessage message) {
        List<ValidationFinding> findings = validate(message);
        List<ValidationFinding> errors = findings.stream().filter(ValidationFinding::isError).toList();
        if (!errors.isEmpty()) {
            throw new EdxmlException(Reason.EDXML_INVALID, "edXML breaks " + errors.size() + " rule(s): "
                    + errors.stream().map(e -> e.path() + " " + e.reason()).collect(Collectors.joining("; ")));
        }
        return findings;
    }

    private void document(Findings f, EdxmlDocument d) {
        MessageHeader h = d.messageHeader();
        String mh = "MessageHeader";
        organization(f, mh + "/From", h.from());
        if (h.to().isEmpty()) {
            f.error(mh + "/To", "is required: a document needs at least one receiver");
        }
        for (int i = 0; i < h.to().size(); i++) {
            organization(f, mh + "/To" + index(i, h.to().size()), h.to().get(i));
        }
        if (f.required(mh + "/Code", h.code())) {
            f.text(mh + "/Code/CodeNumber", h.code().codeNumber(), true, CODE_NUMBER_MAX);
            f.text(mh + "/Code/CodeNotation", h.code().codeNotation(), true, CODE_NOTATION_MAX);
        }
        if (f.required(mh + "/PromulgationInfo", h.promulgationInfo())) {
            f.date(mh + "/PromulgationInfo/PromulgationDate", h.promulgationInfo().promulgationDate(), true);
        }
        if (f.required(mh + "/DocumentType", h.documentType())) {
            f.text(mh + "/DocumentType/Type", h.documentType().type(), true, Integer.MAX_VALUE);
        }
        f.text(mh + "/Subject", h.subject(), true, SUBJECT_MAX);
        f.date(mh + "/DueDate", h.dueDate(), false);
        // The key of everything that follows (statuses, recalls, tracking): a document without one cannot be answered.
        if (f.text(mh + "/DocumentId", h.documentId(), true, DOCUMENT_ID_MAX)) {
            documentId(f, mh + "/DocumentId", h.documentId());
        }
        for (int i = 0; i < h.responseFor().size(); i++) {
            ResponseFor r = h.responseFor().get(i);
            String path = mh + "/ResponseFor" + index(i, h.responseFor().size());
            if (isBlank(r.organId()) && isBlank(r.code()) && isBlank(r.documentId())) {
                // Senders fill the element with empty children when there is nothing to answer.
                f.warning(path, "is empty and was ignored");
                continue;
            }
            f.date(path + "/PromulgationDate", r.promulgationDate(), false);
            f.agencyId(path + "/OrganId", r.organId());
        }
        trace(f, d.traceHeaderList(), h);
        attachments(f, d);
    }

    private void trace(Findings f, TraceHeaderList t, MessageHeader h) {
        if (t == null) {
            f.warning("TraceHeaderList", "is missing: the document is treated as new");
            return;
        }
        for (int i = 0; i < t.traceHeaders().size(); i++) {
            TraceHeader th = t.traceHeaders().get(i);
            String path = "TraceHeaderList/TraceHeader" + index(i, t.traceHeaders().size());
            f.agencyId(path + "/OrganId", th.organId());
            f.timestamp(path + "/Timestamp", th.timestamp(), false);
        }
        Bussiness b = t.bussiness();
        String path = "TraceHeaderList/Bussiness";
        if (b == null) {
            f.warning(path, "is missing: the document is treated as new");
            return;
        }
        if (isBlank(b.bussinessDocType())) {
            f.warning(path + "/BussinessDocType", "is missing: the document is treated as new");
        } else if (b.docType().isEmpty()) {
            f.error(path + "/BussinessDocType", "'" + b.bussinessDocType()
                    + "' is not a business type (0 new, 1 recall, 2 update, 3 replace)");
        }
        // A replacement must say what it replaces, else receivers cannot retire the old document.
        if (b.docType().filter(BussinessDocType.REPLACE::equals).isPresent() && b.replacementInfoList().isEmpty()) {
            f.error(path + "/ReplacementInfoList", "is required when BussinessDocType is 3 (replace)");
        }
        if (b.docType().filter(BussinessDocType.UPDATE::equals).isPresent() && b.bussinessDocumentInfo() == null) {
            f.warning(path + "/BussinessDocumentInfo", "is missing for an update: receivers cannot tell what changed");
        }
        if (b.docType().filter(BussinessDocType.RECALL::equals).isPresent() && h.responseFor().isEmpty()
                && isBlank(b.documentId())) {
            f.warning(path, "a recall names neither ResponseFor nor Bussiness/DocumentId");
        }
        f.text(path + "/DocumentId", b.documentId(), false, DOCUMENT_ID_MAX);
        documentId(f, path + "/DocumentId", b.documentId());
        for (int i = 0; i < b.replacementInfoList().size(); i++) {
            ReplacementInfo r = b.replacementInfoList().get(i);
            String rp = path + "/ReplacementInfoList/ReplacementInfo" + index(i, b.replacementInfoList().size());
            f.text(rp + "/DocumentId", r.documentId(), true, DOCUMENT_ID_MAX);
            documentId(f, rp + "/DocumentId", r.documentId());
        }
    }

    private void attachments(Findings f, EdxmlDocument d) {
        List<ManifestReference> references = d.manifest() == null ? List.of() : d.manifest().references();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < d.attachments().size(); i++) {
            Attachment a = d.attachments().get(i);
            String path = "AttachmentEncoded/Attachment" + index(i, d.attachments().size());
            if (isBlank(a.contentId())) {
                f.error(path + "/ContentId", "is required");
                continue;
            }
            if (!seen.add(a.contentId())) {
                f.error(path + "/ContentId", "'" + a.contentId() + "' is used by two attachments");
            }
            if (a.content() == null) {
                f.error(path + "/ContentTransferEncoded", "is required: the attachment has no content");
            }
            if (references.stream().noneMatch(r -> a.contentId().equals(r.contentId()))) {
                f.warning(path + "/ContentId", "'" + a.contentId() + "' is not announced in edXMLManifest");
            }
        }
        for (int i = 0; i < references.size(); i++) {
            ManifestReference r = references.get(i);
            if (d.attachment(r.contentId()).isEmpty()) {
                f.error("edXMLManifest/Reference" + index(i, references.size()) + "/ContentId",
                        "'" + r.contentId() + "' has no attachment in AttachmentEncoded");
            }
        }
    }

    private void status(Findings f, EdxmlStatus s) {
        organization(f, "MessageHeader/From", s.from());
        if (f.required("MessageHeader/ResponseFor", s.responseFor())) {
            ResponseFor r = s.responseFor();
            // DocumentId is what ties a status to the document it is about; without it nothing can be tracked.
            f.text("MessageHeader/ResponseFor/DocumentId", r.documentId(), true, DOCUMENT_ID_MAX);
            documentId(f, "MessageHeader/ResponseFor/DocumentId", r.documentId());
            if (isBlank(r.organId())) {
                f.warning("MessageHeader/ResponseFor/OrganId", "is missing");
            } else {
                f.agencyId("MessageHeader/ResponseFor/OrganId", r.organId());
            }
            if (isBlank(r.code())) {
                f.warning("MessageHeader/ResponseFor/Code", "is missing");
            }
            f.date("MessageHeader/ResponseFor/PromulgationDate", r.promulgationDate(), false);
        }
        if (f.text("MessageHeader/StatusCode", s.statusCode(), true, Integer.MAX_VALUE) && s.status().isEmpty()) {
            f.error("MessageHeader/StatusCode", "'" + s.statusCode()
                    + "' is not a status code (01–06, 13, 15, 16)");
        }
        f.timestamp("MessageHeader/Timestamp", s.timestamp(), true);
    }

    private void organization(Findings f, String path, Organization o) {
        if (!f.required(path, o)) {
            return;
        }
        if (f.text(path + "/OrganId", o.organId(), true, ORGAN_ID_MAX)) {
            f.agencyId(path + "/OrganId", o.organId());
        }
        f.text(path + "/OrganName", o.organName(), false, ORGAN_NAME_MAX);
        f.text(path + "/OrganizationInCharge", o.organizationInCharge(), false, ORGAN_NAME_MAX);
    }

    /** DocumentId is only checked loosely: the samples carry the impossible date 2014/02/30 in it. */
    private void documentId(Findings f, String path, String value) {
        if (isBlank(value)) {
            return;
        }
        var m = DOCUMENT_ID.matcher(value);
        if (!m.matches()) {
            f.warning(path, "'" + value + "' is not 'agency,yyyy/MM/dd,number/notation' (tolerated)");
        } else if (Edxml.parseDate(m.group(2)).isEmpty()) {
            f.warning(path, "'" + value + "' has an impossible date " + m.group(2) + " (tolerated)");
        }
    }

    private static String index(int i, int size) {
        return size > 1 ? "[" + (i + 1) + "]" : "";
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** Collects findings; each check says whether the value was there to check further. */
    private static final class Findings {
        private final List<ValidationFinding> list = new ArrayList<>();

        void error(String path, String reason) {
            list.add(new ValidationFinding(Severity.ERROR, path, reason));
        }

        void warning(String path, String reason) {
            list.add(new ValidationFinding(Severity.WARNING, path, reason));
        }

        boolean required(String path, Object value) {
            if (value == null) {
                error(path, "is required");
                return false;
            }
            return true;
        }

        boolean text(String path, String value, boolean required, int maxLength) {
            if (isBlank(value)) {
                if (required) {
                    error(path, "is required");
                }
                return false;
            }
            if (value.length() > maxLength) {
                error(path, "is " + value.length() + " characters long, at most " + maxLength + " allowed");
            }
            return true;
        }

        void date(String path, String value, boolean required) {
            format(path, value, required, Edxml::parseDate, "yyyy/MM/dd");
        }

        void timestamp(String path, String value, boolean required) {
            format(path, value, required, Edxml::parseTimestamp, "yyyy/MM/dd HH:mm:ss");
        }

        private void format(String path, String value, boolean required,
                            Function<String, Optional<?>> parser, String pattern) {
            if (text(path, value, required, Integer.MAX_VALUE) && parser.apply(value).isEmpty()) {
                error(path, "'" + value + "' is not a valid date in the format " + pattern);
            }
        }

        void agencyId(String path, String value) {
            if (!isBlank(value) && !AGENCY_ID.matcher(value).matches()) {
                warning(path, "'" + value + "' does not follow the agency identifier format 000.00.00.H41 (tolerated)");
            }
        }
    }
}
