package vn.lienthong.gateway.console;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's own sign-in form ({@code /console/login}); Spring Security checks the POST and signs out on {@code /logout}. */
@Controller
public class LoginPage {

    @GetMapping("/console/login")
    String login(Authentication who) {
        if (who != null && who.isAuthenticated() && !(who instanceof AnonymousAuthenticationToken)) {
            return "redirect:/console/";
        }
        return "console/login";
    }
}
