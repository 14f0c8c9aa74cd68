package vn.lienthong.gateway.console;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import vn.lienthong.gateway.delivery.Systems;

/** Connected systems: health, circuit, queue depth, last success and failure; pause and resume with a reason. */
@Controller
public class SystemsPage {

    private final Systems systems;

    public SystemsPage(Systems systems) {
        this.systems = systems;
    }

    @GetMapping("/console/systems")
    String list(Model model) {
        model.addAttribute("systems", systems.all());
        return "console/systems";
    }

    @PostMapping("/console/systems/{id}/pause")
    String pause(@PathVariable String id, @RequestParam(defaultValue = "") String reason, Authentication who,
                 RedirectAttributes flash) {
        return change(id, true, reason, who, flash);
    }

    @PostMapping("/console/systems/{id}/resume")
    String resume(@PathVariable String id, @RequestParam(defaultValue = "") String reason, Authentication who,
                  RedirectAttributes flash) {
        return change(id, false, reason, who, flash);
    }

    private String change(String id, boolean paused, String reason, Authentication who, RedirectAttributes flash) {
        systems.setPaused(id, paused, who.getName(), Forms.given(reason));
        flash.addFlashAttribute("done", paused ? "paused" : "resumed");
        flash.addFlashAttribute("doneSystem", id);
        return "redirect:/console/systems";
    }
}
