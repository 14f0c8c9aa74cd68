package vn.lienthong.gateway.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.dossier.DossierViews;
import vn.lienthong.gateway.security.PersonalData;
import vn.lienthong.gateway.tracking.MessageQueries;
import vn.lienthong.gateway.tracking.TrackingQueries;

/**
 * One dossier (hồ sơ): its liên thông route drawn as steps per agency in the order they wait on each other, each
 * with state, due date, on time or late and clock pauses; the ordered timeline; each message with its hops; the
 * applicant (identity and phone numbers masked, no e-mail, for VIEWER) and, for OPERATOR and up, the payload.
 */
@Controller
public class DossierPage {

    /** The dossier view's fields the page shows in their own place. */
    private static final Set<String> SHOWN = Set.of("dossierCode", "procedureCode", "revision", "state", "receivedAt",
            "dueAt", "onTime", "timeliness", "dueSoon", "clockPausedSince", "oneStopDueAt", "finishedAt", "appointments",
            "clockPauses", "steps", "events");

    /** Messages of one dossier shown with their hops. */
    private static final int MAX_MESSAGES = 200;

    /** One message of the dossier with its hops. */
    public record MessageHops(MessageQueries.MessageView message, List<TrackingQueries.EventView> hops) {
    }

    /** Who filed the dossier, as the console may show it. */
    public record Applicant(String type, String name, String idNumber, String phone, String email) {
    }

    private final DossierViews dossiers;
    private final MessageQueries messages;
    private final Catalog catalog;
    private final ConsoleRoles roles;
    private final ConsoleFormat format;
    private final ObjectMapper mapper;

    public DossierPage(DossierViews dossiers, MessageQueries messages, Catalog catalog, ConsoleRoles roles,
                       ConsoleFormat format, ObjectMapper mapper) {
        this.dossiers = dossiers;
        this.messages = messages;
        this.catalog = catalog;
        this.roles = roles;
        this.format = format;
        this.mapper = mapper;
    }

    /** The "find a dossier" box: straight to the dossier by its code. */
    @GetMapping("/console/dossiers")
    String find(@RequestParam(required = false) String code) {
        String wanted = Forms.given(code);
        return wanted == null ? "console/dossier-find"
                : "redirect:/console/dossiers/" + UriUtils.encodePathSegment(wanted, StandardCharsets.UTF_8);
    }

    @GetMapping("/console/dossiers/{code}")
    String dossier(@PathVariable String code, Model model, Authentication who) {
        Map<String, Object> view = dossiers.view(code);
        boolean full = roles.canAct(who);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> steps = (List<Map<String, Object>>) view.getOrDefault("steps", List.of());
        @SuppressWarnings("unchecked")
        List<TrackingQueries.EventView> events = (List<TrackingQueries.EventView>) view.getOrDefault("events",
                List.of());
        model.addAttribute("dossier", view);
        model.addAttribute("extraFacts", extraFacts(view));
        model.addAttribute("columns", route(steps));
        model.addAttribute("systemNames", systemNames());
        model.addAttribute("messages", messagesWithHops(code, events));
        String payload = dossiers.latestPayload(code).orElse(null);
        model.addAttribute("applicant", applicant(payload, full));
        if (full) {
            model.addAttribute("payload", format.pretty(payload));
        }
        return "console/dossier";
    }

    /**
     * The route as columns: first the steps that start at once, then those that wait on a step of the column
     * before ({@code after}), and so on; a step whose {@code after} is unknown goes first.
     */
    static List<List<Map<String, Object>>> route(List<Map<String, Object>> steps) {
        Map<String, Map<String, Object>> bySystem = new LinkedHashMap<>();
        steps.forEach(s -> bySystem.put(String.valueOf(s.get("system")), s));
        Map<String, Integer> levels = new HashMap<>();
        List<List<Map<String, Object>>> columns = new ArrayList<>();
        for (Map<String, Object> step : steps) {
            int level = level(String.valueOf(step.get("system")), bySystem, levels, 0);
            while (columns.size() <= level) {
                columns.add(new ArrayList<>());
            }
            columns.get(level).add(step);
        }
        return columns;
    }

    private static int level(String system, Map<String, Map<String, Object>> bySystem, Map<String, Integer> levels,
                             int depth) {
        Integer known = levels.get(system);
        if (known != null) {
            return known;
        }
        Object after = bySystem.get(system).get("after");
        // depth guards against a cycle in stored data; configuration never allows one.
        int level = after == null || !bySystem.containsKey(after.toString()) || depth > bySystem.size() ? 0
                : level(after.toString(), bySystem, levels, depth + 1) + 1;
        levels.put(system, level);
        return level;
    }

    /** The scalar facts of the view that the page does not show by name (e.g. added by a newer gateway). */
    static Map<String, Object> extraFacts(Map<String, Object> view) {
        Map<String, Object> extra = new LinkedHashMap<>();
        view.forEach((key, value) -> {
            if (!SHOWN.contains(key) && value != null && !(value instanceof Iterable<?>) && !(value instanceof Map<?, ?>)) {
                extra.put(key, value);
            }
        });
        return extra;
    }

    private Map<String, String> systemNames() {
        Map<String, String> names = new HashMap<>();
        catalog.systems().forEach(s -> names.put(s.id(), s.name()));
        return names;
    }

    private List<MessageHops> messagesWithHops(String code, List<TrackingQueries.EventView> events) {
        List<MessageHops> list = new ArrayList<>();
        for (MessageQueries.MessageView m : messages.search(new MessageQueries.Filter(code, null, null, null, null,
                null), 0, MAX_MESSAGES)) {
            list.add(new MessageHops(m, events.stream().filter(e -> m.messageId().equals(e.messageId())).toList()));
        }
        return list;
    }

    private Applicant applicant(String payload, boolean full) {
        if (payload == null) {
            return null;
        }
        try {
            JsonNode a = mapper.readTree(payload).path("applicant");
            if (a.isMissingNode()) {
                return null;
            }
            String idNumber = text(a, "idNumber");
            String phone = text(a, "phone");
            return new Applicant(text(a, "type"), text(a, "name"),
                    full ? idNumber : PersonalData.maskIdNumber(idNumber),
                    full ? phone : PersonalData.maskPhone(phone), full ? text(a, "email") : null);
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }
}
