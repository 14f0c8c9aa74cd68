package vn.lienthong.gateway.console;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.catalog.ConnectedSystem;
import vn.lienthong.gateway.delivery.DeadLetterReplay;
import vn.lienthong.gateway.delivery.DeadLetters;
import vn.lienthong.gateway.document.PackageStore;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.FieldError;
import vn.lienthong.gateway.error.GatewayException;

/**
 * Dead letters (thư lỗi): filter by system, flow and error code; one letter's payload and error side by side;
 * replay as it was; edit and replay, the correction checked again with its field errors beside the field; discard
 * with a reason; and replay or discard the whole filtered set, after the operator saw how many it holds.
 */
@Controller
public class DeadLettersPage {

    /** Payloads up to this size can also be edited as JSON text. */
    static final int MAX_TEXT_EDIT = 200_000;

    /**
     * The filter of the list and of the bulk actions.
     *
     * @param page the list's page, from 0
     */
    public record Filter(String system, String flow, String errorCode, Integer page) {

        Filter tidy() {
            return new Filter(Forms.given(system), Forms.given(flow), Forms.given(errorCode),
                    page == null || page < 0 ? 0 : page);
        }

        DeadLetters.Filter store() {
            return new DeadLetters.Filter(system, flow, errorCode);
        }

        /** The list's address for this filter (first page). */
        String listUrl() {
            return UriComponentsBuilder.fromPath("/console/dead-letters").queryParamIfPresent("system",
                            Optional.ofNullable(system)).queryParamIfPresent("flow",
                            Optional.ofNullable(flow)).queryParamIfPresent("errorCode",
                            Optional.ofNullable(errorCode)).encode().build().toUriString();
        }
    }

    private final DeadLetters deadLetters;
    private final DeadLetterReplay replay;
    private final Catalog catalog;
    private final ConsoleRoles roles;
    private final ConsoleProperties properties;
    private final ConsoleFormat format;
    private final ObjectMapper mapper;
    private final PackageStore claimCheck;

    /** A payload that is a reference into the claim check: the package's reference and size (null once removed). */
    public record StoredPackage(String ref, Long megabytes) {
    }

    public DeadLettersPage(DeadLetters deadLetters, DeadLetterReplay replay, Catalog catalog, ConsoleRoles roles,
                           ConsoleProperties properties, ConsoleFormat format, ObjectMapper mapper,
                           PackageStore claimCheck) {
        this.claimCheck = claimCheck;
        this.deadLetters = deadLetters;
        this.replay = replay;
        this.catalog = catalog;
        this.roles = roles;
        this.properties = properties;
        this.format = format;
        this.mapper = mapper;
    }

    @GetMapping("/console/dead-letters")
    String list(@ModelAttribute("filter") Filter filter, Model model) {
        Filter f = filter.tidy();
        int size = properties.pageSize();
        List<DeadLetters.DeadLetter> rows = deadLetters.open(f.store(), (long) f.page() * size, size + 1);
        model.addAttribute("filter", f);
        model.addAttribute("items", rows.subList(0, Math.min(size, rows.size())).stream()
                .map(DeadLettersPage::withoutPayload).toList());
        model.addAttribute("hasNext", rows.size() > size);
        model.addAttribute("count", deadLetters.countOpen(f.store()));
        model.addAttribute("systems", catalog.systems().stream().map(ConnectedSystem::id).toList());
        model.addAttribute("flows", MessagesPage.FLOWS);
        model.addAttribute("errorCodes", deadLetters.openErrorCodes());
        return "console/dead-letters";
    }

    @GetMapping("/console/dead-letters/{id}")
    String letter(@PathVariable String id, Model model, Authentication who) {
        DeadLetters.DeadLetter letter = find(id);
        show(letter, model, who, null, Map.of(), List.of());
        return "console/dead-letter";
    }

    @PostMapping("/console/dead-letters/{id}/replay")
    String replayAsItWas(@PathVariable String id, Authentication who, RedirectAttributes flash) {
        replay.replay(id, null, who.getName());
        flash.addFlashAttribute("done", "replayed");
        return "redirect:/console/dead-letters/" + id;
    }

    /** Edit-and-replay from the form's fields; on a field error the form comes back with the error beside it. */
    @PostMapping("/console/dead-letters/{id}/edit")
    String replayEdited(@PathVariable String id, HttpServletRequest request, Authentication who, Model model,
                        HttpServletResponse response, RedirectAttributes flash) throws JsonProcessingException {
        DeadLetters.DeadLetter letter = find(id);
        JsonNode original = json(letter.payload());
        if (original == null) {
            throw new GatewayException(ErrorCode.VALIDATION_FAILED, "This payload is not JSON; edit it as text",
                    List.of(new FieldError("", "not JSON")));
        }
        JsonNode edited = PayloadForm.apply(original, request.getParameterMap());
        byte[] corrected = edited.equals(original) ? null
                : mapper.writeValueAsString(edited).getBytes(StandardCharsets.UTF_8);
        return replayCorrected(letter, corrected, edited, null, who, model, response, flash);
    }

    /** Edit-and-replay of the payload as text. */
    @PostMapping("/console/dead-letters/{id}/edit-text")
    String replayText(@PathVariable String id, @RequestParam(defaultValue = "") String payload, Authentication who,
                      Model model, HttpServletResponse response, RedirectAttributes flash) {
        DeadLetters.DeadLetter letter = find(id);
        return replayCorrected(letter, payload.getBytes(StandardCharsets.UTF_8), json(letter.payload()), payload, who,
                model, response, flash);
    }

    @PostMapping("/console/dead-letters/{id}/discard")
    String discard(@PathVariable String id, @RequestParam(defaultValue = "") String reason, Authentication who,
                   Model model, HttpServletResponse response, RedirectAttributes flash) {
        try {
            replay.discard(id, reason, who.getName());
        } catch (GatewayException e) {
            if (e.code() != ErrorCode.VALIDATION_FAILED) {
                throw e;
            }
            response.setStatus(e.code().httpStatus());
            show(find(id), model, who, null, Map.of(), List.of());
            model.addAttribute("discardErrors", e.fieldErrors());
            return "console/dead-letter";
        }
        flash.addFlashAttribute("done", "discarded");
        return "redirect:/console/dead-letters/" + id;
    }

    /** Before a bulk action: how many dead letters the filtered set holds, and a button to confirm. */
    @GetMapping("/console/dead-letters/bulk")
    String confirmBulk(@ModelAttribute("filter") Filter filter, @RequestParam String action, Model model) {
        Filter f = filter.tidy();
        model.addAttribute("filter", f);
        model.addAttribute("action", bulkAction(action));
        model.addAttribute("count", deadLetters.countOpen(f.store()));
        model.addAttribute("limit", DeadLetterReplay.BULK_LIMIT);
        return "console/dead-letters-bulk";
    }

    /**
     * The bulk action itself, only if the filtered set still holds the count the operator confirmed; otherwise the
     * confirmation comes back with the new count.
     */
    @PostMapping("/console/dead-letters/bulk")
    String bulk(@ModelAttribute("filter") Filter filter, @RequestParam String action, @RequestParam int expected,
                @RequestParam(defaultValue = "") String reason, Authentication who, Model model,
                HttpServletResponse response, RedirectAttributes flash) {
        Filter f = filter.tidy();
        String what = bulkAction(action);
        int now = deadLetters.countOpen(f.store());
        if (now != expected || ("discard".equals(what) && reason.isBlank())) {
            response.setStatus(now != expected ? 409 : 400);
            model.addAttribute("filter", f);
            model.addAttribute("action", what);
            model.addAttribute("count", now);
            model.addAttribute("limit", DeadLetterReplay.BULK_LIMIT);
            model.addAttribute("changedFrom", now != expected ? expected : null);
            model.addAttribute("reasonMissing", now == expected);
            return "console/dead-letters-bulk";
        }
        int done = "replay".equals(what) ? replay.replayAll(f.store(), who.getName())
                : replay.discardAll(f.store(), reason, who.getName());
        flash.addFlashAttribute("bulkDone", what);
        flash.addFlashAttribute("bulkCount", done);
        return "redirect:" + f.listUrl();
    }

    private String replayCorrected(DeadLetters.DeadLetter letter, byte[] corrected, JsonNode shown, String text,
                                   Authentication who, Model model, HttpServletResponse response,
                                   RedirectAttributes flash) {
        try {
            replay.replay(letter.id(), corrected, who.getName());
        } catch (GatewayException e) {
            if (e.code() != ErrorCode.VALIDATION_FAILED && e.code() != ErrorCode.MALFORMED_REQUEST) {
                throw e;
            }
            response.setStatus(e.code().httpStatus());
            Map<String, List<String>> byPointer = new LinkedHashMap<>();
            Locale reader = LocaleContextHolder.getLocale();
            e.fieldErrors().forEach(fe -> byPointer.computeIfAbsent(fe.pointer(), p -> new ArrayList<>())
                    .add(fe.message(reader)));
            List<String> fieldPointers = PayloadForm.fields(shown).stream().map(PayloadForm.Field::pointer).toList();
            List<FieldError> elsewhere = e.fieldErrors().stream().filter(fe -> text != null
                    || !fieldPointers.contains(fe.pointer())).toList();
            show(letter, model, who, shown, text == null ? byPointer : Map.of(), elsewhere);
            if (text != null) {
                model.addAttribute("text", text);
                model.addAttribute("editAsText", true);
            }
            return "console/dead-letter";
        }
        flash.addFlashAttribute("done", corrected == null ? "replayed" : "replayedCorrected");
        return "redirect:/console/dead-letters/" + letter.id();
    }

    /**
     * Puts the letter into the page; the payload and the edit form only for OPERATOR and up.
     *
     * @param shown       the payload as the form shows it (the operator's last attempt), null for the stored one
     * @param fieldErrors errors by the pointer of the field they belong beside
     * @param elsewhere   errors about no field of the form (a missing property, the whole document)
     */
    private void show(DeadLetters.DeadLetter letter, Model model, Authentication who, JsonNode shown,
                      Map<String, List<String>> fieldErrors, List<FieldError> elsewhere) {
        boolean full = roles.canAct(who);
        model.addAttribute("letter", withoutPayload(letter));
        model.addAttribute("open", DeadLetters.DEAD.equals(letter.state()));
        if (full && PackageStore.isRef(letter.payload())) {
            // A large edXML package: the message held only its reference; a replay sends the stored file as it is.
            model.addAttribute("storedPackage", new StoredPackage(letter.payload(), claimCheck.find(letter.payload())
                    .map(p -> Math.max(1, p.size() / (1024 * 1024))).orElse(null)));
            model.addAttribute("payload", letter.payload());
            model.addAttribute("fields", List.of());
            return;
        }
        if (full) {
            JsonNode json = shown != null ? shown : json(letter.payload());
            model.addAttribute("payload", format.pretty(letter.payload()));
            model.addAttribute("fields", PayloadForm.fields(json));
            model.addAttribute("fieldErrors", fieldErrors);
            model.addAttribute("otherErrors", elsewhere);
            model.addAttribute("text", letter.payload().length() <= MAX_TEXT_EDIT ? format.pretty(letter.payload())
                    : null);
        }
    }

    private DeadLetters.DeadLetter find(String id) {
        return deadLetters.find(id).orElseThrow(() -> new GatewayException(ErrorCode.NOT_FOUND, "No dead letter " + id));
    }

    private JsonNode json(String payload) {
        try {
            JsonNode node = mapper.readTree(payload);
            return node != null && node.isContainerNode() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String bulkAction(String action) {
        if (!"replay".equals(action) && !"discard".equals(action)) {
            throw new GatewayException(ErrorCode.VALIDATION_FAILED, "action must be replay or discard",
                    List.of(new FieldError("/action", "must be replay or discard")));
        }
        return action;
    }

    /** A dead letter without its payload: what a page may hold whoever looks at it. */
    private static DeadLetters.DeadLetter withoutPayload(DeadLetters.DeadLetter d) {
        return new DeadLetters.DeadLetter(d.id(), d.messageId(), d.correlationId(), d.system(), d.flow(), d.queue(),
                d.attempts(), d.firstFailureAt(), d.lastFailureAt(), d.errorCode(), d.errorMessage(), null, d.state(),
                d.resolvedBy(), d.resolvedAt(), d.resolutionReason());
    }
}
