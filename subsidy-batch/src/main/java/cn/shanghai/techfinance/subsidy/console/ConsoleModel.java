package cn.shanghai.techfinance.subsidy.console;

import cn.shanghai.techfinance.security.Caller;
import cn.shanghai.techfinance.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page's layout needs: who is signed in, what they may see, and the page's language. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

    @ModelAttribute("caller")
    Caller caller() {
        return Caller.of(SecurityContextHolder.getContext().getAuthentication()).orElse(null);
    }

    /** For {@code <html lang>}: zh-CN or en. */
    @ModelAttribute("lang")
    String lang(Locale locale) {
        return Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? "en" : "zh-CN";
    }

    /** The page's own path, for the language switch and the current item of the navigation. */
    @ModelAttribute("path")
    String path(HttpServletRequest request) {
        return request.getRequestURI();
    }

    @ModelAttribute("staff")
    boolean staff() {
        Caller caller = caller();
        return caller != null && (caller.readsEverything() || caller.has(Role.APPROVER));
    }

    /** The same attributes for a view built by hand (an exception handler's, for which @ModelAttribute methods do not run). */
    static Map<String, Object> common(HttpServletRequest request, Locale locale) {
        ConsoleModel model = new ConsoleModel();
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("caller", model.caller());
        attributes.put("lang", model.lang(locale));
        attributes.put("path", model.path(request));
        attributes.put("staff", model.staff());
        return attributes;
    }
}
