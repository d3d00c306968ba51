package cn.shanghai.techfinance.subsidy.console;

import cn.shanghai.techfinance.security.Caller;
import cn.shanghai.techfinance.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
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
}
