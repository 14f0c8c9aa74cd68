package vn.lienthong.gateway.console;

import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

import vn.lienthong.gateway.error.ErrorCode;
import vn.lienthong.gateway.error.GatewayException;

/**
 * What every console page knows (who is signed in, whether they may act, the language, the gateway's version),
 * and how a refused or failed request looks in the console: a page in the operator's language, not problem JSON.
 */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ConsoleAdvice {

    private static final Logger log = LoggerFactory.getLogger(ConsoleAdvice.class);

    private final ConsoleRoles roles;
    private final ConsoleProperties properties;
    private final String version;

    public ConsoleAdvice(ConsoleRoles roles, ConsoleProperties properties, ObjectProvider<BuildProperties> build) {
        this.roles = roles;
        this.properties = properties;
        // The build-info goal writes it into the jar; a build without it (an IDE, spring-boot:run) is "dev".
        BuildProperties info = build.getIfAvailable();
        this.version = info == null || info.getVersion() == null ? "dev" : info.getVersion();
    }

    /**
     * Puts {@code version}, {@code user}, {@code canAct} (action buttons, payloads and personal data in full),
     * {@code lang}, {@code refreshSeconds}, {@code path}, {@code here} and {@code langUrl} (the same page in the
     * other language) into every console page's model.
     */
    @ModelAttribute
    void common(Model model, HttpServletRequest request) {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        Locale locale = LocaleContextHolder.getLocale();
        model.addAttribute("version", version);
        model.addAttribute("user", who == null ? null : who.getName());
        model.addAttribute("canAct", roles.canAct(who));
        model.addAttribute("lang", ConsoleConfiguration.LANGUAGES.contains(locale.getLanguage())
                ? locale.getLanguage() : ConsoleConfiguration.VIETNAMESE.getLanguage());
        model.addAttribute("refreshSeconds", Math.max(1, properties.refresh().toSeconds()));
        String path = request.getRequestURI().substring(request.getContextPath().length());
        model.addAttribute("path", path);
        Here here = new Here(request.getRequestURI() + (request.getQueryString() == null ? ""
                : "?" + request.getQueryString()), "GET".equals(request.getMethod()));
        model.addAttribute("here", here);
        model.addAttribute("langUrl", here.with("lang", "vi".equals(model.getAttribute("lang")) ? "en" : "vi"));
    }

    @ExceptionHandler(GatewayException.class)
    ModelAndView refused(GatewayException e, HttpServletRequest request) {
        if (e.code().httpStatus() >= 500) {
            log.warn("Console {} {}: {}: {}", request.getMethod(), request.getRequestURI(), e.code(), e.getMessage(),
                    e);
        }
        return errorPage(e.code(), e.getMessage(), request);
    }

    /** Spring MVC's own refusals (wrong method, a parameter of the wrong type, …): the operator's mistake, a 4xx. */
    ModelAndView mvcRefused(Exception e, HttpServletRequest request) {
        int status = ((ErrorResponse) e).getStatusCode().value();
        ErrorCode code = switch (status) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            default -> status < 500 ? ErrorCode.VALIDATION_FAILED : ErrorCode.INTERNAL_ERROR;
        };
        return errorPage(code, e.getMessage(), request);
    }

    @ExceptionHandler(Exception.class)
    ModelAndView failed(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse) {
            return mvcRefused(e, request);
        }
        String reference = UUID.randomUUID().toString();
        log.error("Console {} {} failed, reference {}", request.getMethod(), request.getRequestURI(), reference, e);
        return errorPage(ErrorCode.INTERNAL_ERROR, "reference " + reference, request);
    }

    private ModelAndView errorPage(ErrorCode code, String detail, HttpServletRequest request) {
        ExtendedModelMap model = new ExtendedModelMap();
        common(model, request);
        model.addAttribute("code", code.name());
        model.addAttribute("detail", detail);
        model.addAttribute("status", code.httpStatus());
        return new ModelAndView("console/error", model.asMap(), HttpStatus.valueOf(code.httpStatus()));
    }
}
