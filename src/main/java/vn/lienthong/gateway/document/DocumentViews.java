package vn.lienthong.gateway.document;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import vn.lienthong.gateway.edxml.StatusCode;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.GatewayException;
import vn.lienthong.gateway.tracking.TrackingQueries;

/** The operator's view of one document: its packages, its receivers with their edXML statuses, and its timeline. */
@NationalAxisFeature
@Component
public class DocumentViews {

    private final DocumentStore store;
    private final TrackingQueries tracking;
    private final ObjectMapper mapper;

    public DocumentViews(DocumentStore store, TrackingQueries tracking, ObjectMapper mapper) {
        this.store = store;
        this.tracking = tracking;
        this.mapper = mapper;
    }

    /** The latest packages sent or received (direction null: both), filtered by id, number or subject text. */
    public List<DocumentStore.DocumentRow> latest(String direction, String text, int offset, int limit) {
        return store.latest(direction, text, offset, limit);
    }

    public Map<String, Object> view(String documentId) {
        List<DocumentStore.DocumentRow> packages = store.packages(documentId);
        var events = tracking.timeline(documentId);
        if (packages.isEmpty() && events.isEmpty()) {
            throw new GatewayException(ErrorCode.NOT_FOUND, "Document " + documentId + " is not known to the gateway"
                    + " (it may still be on its way; try again in a moment)");
        }
        List<DocumentStore.StatusRow> statuses = store.statuses(documentId);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("documentId", documentId);
        if (!packages.isEmpty()) {
            DocumentStore.DocumentRow main = packages.get(0);
            view.put("direction", main.direction());
            view.put("code", main.code());
            view.put("subject", main.subject());
            Map<String, Object> from = new LinkedHashMap<>();
            from.put("organId", main.fromOrganId());
            from.put("organName", main.fromOrganName());
            view.put("from", from);
            view.put("state", packages.get(packages.size() - 1).state());
        }
        view.put("packages", packages.stream().map(this::packageView).toList());
        view.put("receivers", receivers(documentId, packages, statuses));
        view.put("events", events);
        return view;
    }

    private Map<String, Object> packageView(DocumentStore.DocumentRow d) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("messageId", d.messageId());
        p.put("direction", d.direction());
        p.put("businessType", d.businessType());
        p.put("relatedDocumentId", d.relatedDocumentId());
        p.put("axisId", d.axisId());
        p.put("state", d.state());
        p.put("stateDetail", d.stateDetail());
        p.put("receivedAt", d.receivedAt());
        p.put("deliveredAt", d.deliveredAt());
        if (d.signatureReport() != null) {
            try {
                p.put("signature", mapper.readTree(d.signatureReport()));
            } catch (IOException e) {
                p.put("signature", d.signatureResult());
            }
        }
        return p;
    }

    /**
     * The receivers and their statuses: for a document this agency sent, each addressed agency with what it
     * reported; for a received document, this agency with the statuses the gateway sent for it.
     */
    private List<Map<String, Object>> receivers(String documentId, List<DocumentStore.DocumentRow> packages,
                                                List<DocumentStore.StatusRow> statuses) {
        Map<String, Map<String, Object>> byOrgan = new LinkedHashMap<>();
        for (DocumentStore.ReceiverRow r : store.receivers(documentId)) {
            byOrgan.put(r.organId(), receiver(r.organId(), r.organName()));
        }
        for (DocumentStore.StatusRow s : statuses) {
            Map<String, Object> receiver = byOrgan.computeIfAbsent(s.organId(), id -> receiver(id, null));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> list = (List<Map<String, Object>>) receiver.get("statuses");
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("code", s.statusCode());
            status.put("name", StatusCode.fromCode(s.statusCode()).map(Enum::name).orElse("UNKNOWN"));
            status.put("direction", s.direction());
            status.put("at", s.at());
            status.put("description", s.description());
            status.put("staff", s.staff());
            list.add(status);
            receiver.put("latest", s.statusCode());
        }
        return new ArrayList<>(byOrgan.values());
    }

    private static Map<String, Object> receiver(String organId, String organName) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("organId", organId);
        r.put("organName", organName);
        r.put("statuses", new ArrayList<Map<String, Object>>());
        return r;
    }
}
