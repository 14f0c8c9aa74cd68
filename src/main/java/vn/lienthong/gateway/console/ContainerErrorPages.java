package vn.lienthong.gateway.console;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * The page a browser gets for a failure no controller answered (Spring Boot's {@code /error}, e.g. a page that
 * failed while rendering): a plain page in the operator's language. The API's callers keep getting problem JSON.
 */
@Component
public class ContainerErrorPages implements ErrorViewResolver {

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        return new ModelAndView("console/error-plain", model, status);
    }
}
