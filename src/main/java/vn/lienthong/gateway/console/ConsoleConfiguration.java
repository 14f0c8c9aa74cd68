package vn.lienthong.gateway.console;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.support.RequestContextUtils;

/** The console's web set-up: Vietnamese unless the operator chose English (remembered in a cookie), and its guard. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
public class ConsoleConfiguration implements WebMvcConfigurer {

    /** The console's languages: Vietnamese, the default, and English. */
    static final Set<String> LANGUAGES = Set.of("vi", "en");
    static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

    private final ConsoleGuard guard;

    public ConsoleConfiguration(ConsoleGuard guard) {
        this.guard = guard;
    }

    /** Spring's one locale resolver (bean name {@code localeResolver}); only the console's pages have texts. */
    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("gateway-console-lang");
        resolver.setDefaultLocale(VIETNAMESE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new LanguageSwitch()).addPathPatterns("/console/**");
        registry.addInterceptor(guard).addPathPatterns("/console/**").excludePathPatterns("/console/login");
    }

    /** {@code ?lang=en} or {@code ?lang=vi} on any console page switches the language and remembers it. */
    private static final class LanguageSwitch implements HandlerInterceptor {

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            String lang = request.getParameter("lang");
            LocaleResolver resolver = RequestContextUtils.getLocaleResolver(request);
            if (lang != null && LANGUAGES.contains(lang) && resolver != null) {
                resolver.setLocale(request, response, Locale.forLanguageTag(lang));
            }
            return true;
        }
    }
}
