package vn.lienthong.gateway.console;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

import vn.lienthong.gateway.audit.AuditLog;

/** The audit log (nhật ký thao tác): operator actions, filtered by operator, action and time, newest first. */
@Controller
public class AuditPage {

    /** The filter form; times as typed in the agencies' zone. */
    public record Filter(String actor, String action, String since, String until, Integer page) {

        Filter tidy() {
            return new Filter(Forms.given(actor), Forms.given(action), Forms.given(since),
                    Forms.given(until), page == null || page < 0 ? 0 : page);
        }
    }

    private final AuditLog audit;
    private final ConsoleFormat format;
    private final ConsoleProperties properties;

    public AuditPage(AuditLog audit, ConsoleFormat format, ConsoleProperties properties) {
        this.audit = audit;
        this.format = format;
        this.properties = properties;
    }

    @GetMapping("/console/audit")
    String audit(@ModelAttribute("filter") Filter filter, Model model) {
        Filter f = filter.tidy();
        int size = properties.pageSize();
        List<AuditLog.Entry> rows = audit.search(new AuditLog.Filter(f.actor(), f.action(),
                format.parseInput("since", f.since()), format.parseInput("until", f.until())),
                (long) f.page() * size, size + 1);
        model.addAttribute("filter", f);
        model.addAttribute("items", rows.subList(0, Math.min(size, rows.size())));
        model.addAttribute("hasNext", rows.size() > size);
        model.addAttribute("actions", audit.actions());
        return "console/audit";
    }
}
