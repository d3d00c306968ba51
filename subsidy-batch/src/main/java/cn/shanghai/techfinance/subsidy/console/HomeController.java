package cn.shanghai.techfinance.subsidy.console;

import cn.shanghai.techfinance.security.Caller;
import cn.shanghai.techfinance.security.Role;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** Where a person lands after signing in: the officers' pages or the firm's own; and the pages around signing in and out. */
@Controller
class HomeController {

    @GetMapping("/console")
    String home() {
        Caller caller = Caller.current();
        if (caller.has(Role.FIRM)) {
            return "redirect:/console/firm";
        }
        if (caller.readsEverything() || caller.has(Role.APPROVER)) {
            return "redirect:/console/officer";
        }
        // a bank or anyone else: the console has no pages for them (banks use the API)
        return "redirect:/console/denied";
    }

    /** Any method: a refused form (a POST without its CSRF token, say) is forwarded here as it came. */
    @RequestMapping("/console/denied")
    String denied() {
        return "console/denied";
    }

    @GetMapping("/console/signed-out")
    String signedOut() {
        return "console/signed-out";
    }
}
