package vn.lienthong.gateway.console;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

import vn.lienthong.gateway.catalog.Catalog;
import vn.lienthong.gateway.catalog.ConnectedSystem;
import vn.lienthong.gateway.delivery.Dispatch;
import vn.lienthong.gateway.document.AxisInbox;
import vn.lienthong.gateway.dossier.PortalSync;
import vn.lienthong.gateway.dossier.StatusIntake;
import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.FieldError;
import vn.lienthong.gateway.error.GatewayException;
import vn.lienthong.gateway.tracking.MessageProjection;
import vn.lienthong.gateway.tracking.MessageQueries;

/** Messages: search by dossier code, document id, message id, system, flow, state and time; paging; CSV export. */
@Controller
public class MessagesPage {

    /** The flows a message can belong to, offered in the search form (any other can be typed). */
    static final List<String> FLOWS = List.of(Dispatch.FLOW_DOSSIER, StatusIntake.FLOW, Dispatch.FLOW_CALLBACK,
            PortalSync.FLOW_SYNC, PortalSync.FLOW_PROGRESS, AxisInbox.FLOW_DOCUMENT, AxisInbox.FLOW_STATUS);

    /**
     * The search form. Dossier code and document id are both business keys (correlation ids) of messages.
     *
     * @param since from (inclusive), as typed in the agencies' zone
     * @param until to (exclusive)
     */
    public record Search(String dossierCode, String documentId, String messageId, String system, String flow,
                         String state, String since, String until, Integer page) {

        /** This search with blank fields dropped. */
        Search tidy() {
            return new Search(Forms.given(dossierCode), Forms.given(documentId), Forms.given(messageId),
                    Forms.given(system), Forms.given(flow), Forms.given(state), Forms.given(since), Forms.given(until),
                    page == null || page < 0 ? 0 : page);
        }

        Search page(int other) {
            return new Search(dossierCode, documentId, messageId, system, flow, state, since, until, other);
        }
    }

    private final MessageQueries messages;
    private final ConsoleFormat format;
    private final ConsoleProperties properties;
    private final ConsoleRoles roles;
    private final Catalog catalog;
    private final MessageSource texts;

    public MessagesPage(MessageQueries messages, ConsoleFormat format, ConsoleProperties properties,
                        ConsoleRoles roles, Catalog catalog, MessageSource texts) {
        this.messages = messages;
        this.format = format;
        this.properties = properties;
        this.roles = roles;
        this.catalog = catalog;
        this.texts = texts;
    }

    @GetMapping("/console/messages")
    String search(@ModelAttribute("search") Search search, Model model) {
        Search s = search.tidy();
        int size = properties.pageSize();
        List<MessageQueries.MessageView> found = messages.search(filter(s), s.page(), size + 1);
        model.addAttribute("search", s);
        model.addAttribute("items", found.subList(0, Math.min(size, found.size())));
        model.addAttribute("hasNext", found.size() > size);
        model.addAttribute("states", MessageProjection.STATES);
        model.addAttribute("flows", FLOWS);
        model.addAttribute("systems", catalog.systems().stream().map(ConnectedSystem::id).toList());
        return "console/messages";
    }

    /** The filtered set as CSV, up to {@code gateway.console.export-limit} rows. */
    @GetMapping("/console/messages.csv")
    void export(@ModelAttribute("search") Search search, HttpServletResponse response) throws IOException {
        MessageQueries.Filter filter = filter(search.tidy());
        var locale = LocaleContextHolder.getLocale();
        List<String> header = new ArrayList<>();
        for (String column : List.of("messageId", "correlationId", "system", "flow", "state", "attempts", "createdAt",
                "updatedAt", "lastDetail")) {
            header.add(texts.getMessage("messages.column." + column, null, column, locale));
        }
        try (Csv csv = Csv.download(response, "messages.csv", header)) {
            messages.forEach(filter, properties.exportLimit(), m -> csv.row(m.messageId(), m.correlationId(),
                    m.system(), m.flow(), texts.getMessage("state." + m.state(), null, m.state(), locale), m.attempts(),
                    format.date(m.createdAt()), format.date(m.updatedAt()), m.lastDetail()));
        }
    }

    @GetMapping("/console/messages/{messageId}")
    String message(@PathVariable String messageId, Model model, Authentication who) {
        MessageQueries.MessageView message = messages.find(messageId).orElseThrow(() -> new GatewayException(
                ErrorCode.NOT_FOUND, "No message " + messageId + " (its events may still be on their way)"));
        model.addAttribute("message", message);
        model.addAttribute("hops", messages.hops(messageId));
        if (roles.canAct(who)) {
            model.addAttribute("payload", messages.payload(messageId).orElse(null));
        }
        return "console/message";
    }

    private MessageQueries.Filter filter(Search s) {
        List<FieldError> errors = new ArrayList<>();
        if (s.state() != null && !MessageProjection.STATES.contains(s.state())) {
            errors.add(new FieldError("/state", "'" + s.state() + "' is not a message state"));
        }
        if (s.dossierCode() != null && s.documentId() != null && !s.dossierCode().equals(s.documentId())) {
            errors.add(new FieldError("/documentId", "give a dossier code or a document id, not both"));
        }
        if (!errors.isEmpty()) {
            throw new GatewayException(ErrorCode.VALIDATION_FAILED, "The search is not valid: " + errors, errors);
        }
        OffsetDateTime since = format.parseInput("since", s.since());
        OffsetDateTime until = format.parseInput("until", s.until());
        return new MessageQueries.Filter(s.dossierCode() != null ? s.dossierCode() : s.documentId(), s.system(),
                s.flow(), s.state(), since, until, s.messageId());
    }
}
