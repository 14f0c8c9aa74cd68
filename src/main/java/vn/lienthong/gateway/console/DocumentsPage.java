package vn.lienthong.gateway.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import vn.lienthong.gateway.document.DocumentStore;
import vn.lienthong.gateway.document.DocumentViews;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.GatewayException;

/**
 * Official documents (văn bản) over the national document axis: the latest sent and received, and one document
 * with each receiver's edXML status history (01 … 16) and the signature report of each package. Empty, and saying
 * so, when the gateway runs without the axis ({@code gateway.axis.enabled=false}).
 */
@Controller
public class DocumentsPage {

    private final ObjectProvider<DocumentViews> documents;
    private final ConsoleProperties properties;
    private final ObjectMapper mapper;

    public DocumentsPage(ObjectProvider<DocumentViews> documents, ConsoleProperties properties, ObjectMapper mapper) {
        this.documents = documents;
        this.properties = properties;
        this.mapper = mapper;
    }

    @GetMapping("/console/documents")
    String list(@RequestParam(required = false) String direction, @RequestParam(required = false) String q,
                @RequestParam(defaultValue = "0") int page, Model model) {
        String dir = Forms.given(direction);
        if (dir != null && !dir.equals(DocumentStore.OUTGOING) && !dir.equals(DocumentStore.INCOMING)) {
            dir = null;
        }
        String text = Forms.given(q);
        int size = properties.pageSize();
        int from = Math.max(0, page);
        DocumentViews views = documents.getIfAvailable();
        List<DocumentStore.DocumentRow> rows = views == null ? List.of()
                : views.latest(dir, text, from * size, size + 1);
        model.addAttribute("axis", views != null);
        model.addAttribute("direction", dir);
        model.addAttribute("q", text);
        model.addAttribute("page", from);
        model.addAttribute("items", rows.subList(0, Math.min(size, rows.size())));
        model.addAttribute("hasNext", rows.size() > size);
        return "console/documents";
    }

    /** One document; its id is a query parameter because edXML document ids contain '/'. */
    @GetMapping("/console/documents/view")
    String document(@RequestParam String id, Model model) {
        DocumentViews views = documents.getIfAvailable();
        if (views == null) {
            throw new GatewayException(ErrorCode.OPERATION_NOT_SUPPORTED, "The national document axis is switched off"
                    + " (gateway.axis.enabled=false)");
        }
        Map<String, Object> view = views.view(id);
        model.addAttribute("document", view);
        model.addAttribute("packages", packages(view));
        return "console/document";
    }

    /** The packages with their signature reports as plain maps, however the report was stored. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> packages(Map<String, Object> view) {
        List<Map<String, Object>> packages = new ArrayList<>();
        for (Map<String, Object> p : (List<Map<String, Object>>) view.getOrDefault("packages", List.of())) {
            Map<String, Object> copy = new LinkedHashMap<>(p);
            Object signature = p.get("signature");
            if (signature instanceof JsonNode json && json.isObject()) {
                copy.put("signature", mapper.convertValue(json, Map.class));
            } else if (signature != null) {
                copy.put("signature", Map.of("result", signature instanceof JsonNode json ? json.asText()
                        : signature.toString()));
            }
            packages.add(copy);
        }
        return packages;
    }
}
