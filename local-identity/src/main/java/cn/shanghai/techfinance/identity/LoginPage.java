package cn.shanghai.techfinance.identity;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in form, with the demo users and their passwords listed under it (a local issuer only). */
@Controller
class LoginPage {

    static final String PATH = "/login";

    private final DemoUsers users;

    LoginPage(DemoUsers users) {
        this.users = users;
    }

    @GetMapping(PATH)
    String login(Model model) {
        model.addAttribute("users", users.all());
        return "identity/login";
    }
}
