package vn.lienthong.gateway.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import vn.lienthong.gateway.security.OidcLogin;
import vn.lienthong.gateway.security.OidcProperties;

/**
 * The console's own sign-in form ({@code /console/login}); Spring Security checks the POST and signs out on
 * {@code /logout}. When agency accounts are configured ({@code gateway.security.oidc}) it also offers that sign-in,
 * and says why an agency sign-in came back here.
 */
@Controller
public class LoginPage {

    private final OidcProperties oidc;

    public LoginPage(OidcProperties oidc) {
        this.oidc = oidc;
    }

    @GetMapping("/console/login")
    String login(Authentication who, Model model, HttpServletRequest request) {
        if (who != null && who.isAuthenticated() && !(who instanceof AnonymousAuthenticationToken)) {
            return "redirect:/console/";
        }
        model.addAttribute("agencySignIn", oidc.enabled()
                ? "/oauth2/authorization/" + OidcProperties.REGISTRATION_ID : null);
        HttpSession session = request.getSession(false);
        Object refusal = session == null ? null : session.getAttribute(OidcLogin.REFUSAL);
        if (refusal != null) {
            session.removeAttribute(OidcLogin.REFUSAL);    // shown once; a reload is a fresh login page
            model.addAttribute("agencyRefusal", refusal);
        }
        return "console/login";
    }
}
