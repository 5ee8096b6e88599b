package jp.hokensho.portal.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the Thymeleaf templates under {@code templates/} with plain variables: without Spring there is no
 * request or session object in the templates, so each servlet passes what a page shows (CSRF token included).
 */
public final class Pages {
    private final TemplateEngine engine = new TemplateEngine();

    public Pages() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(Pages.class.getClassLoader());
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
    }

    public void render(HttpServletResponse response, int status, String template, Map<String, ?> variables)
            throws IOException {
        Context context = new Context(Locale.JAPAN);
        variables.forEach(context::setVariable);
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        engine.process(template, context, response.getWriter());
    }
}
