package cn.shanghai.techfinance.subsidy.console.services;

import cn.shanghai.techfinance.security.Caller;
import cn.shanghai.techfinance.subsidy.console.ServiceApis;
import cn.shanghai.techfinance.subsidy.console.services.ServiceViews.ContactRegistration;
import cn.shanghai.techfinance.subsidy.console.services.ServiceViews.FirmContact;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.RestClientException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A firm's address for claim notices ({@code /console/firm/contact}), kept by the notifier: read and
 * replaced through its {@code /api/v1/firms/{uscc}/contact} for the USCC of the person's token only,
 * so no firm can name another's. The notifier validates the address; its words are shown beside the field.
 */
@Controller
class FirmContactController {

    private static final String PAGE = "console/firm/contact";

    private final ServiceApis services;

    FirmContactController(ServiceApis services) {
        this.services = services;
    }

    @GetMapping("/console/firm/contact")
    String contact(Model model, HttpServletResponse response) {
        String uscc = Caller.current().uscc();
        if (uscc == null) {
            return Denied.page(response);
        }
        try {
            FirmContact contact = services.notifier().get().uri("/api/v1/firms/{uscc}/contact", uscc).retrieve().body(FirmContact.class);
            model.addAttribute("contact", contact);
            model.addAttribute("email", contact.email());
        } catch (RestClientException failure) {
            if (!ServiceErrors.status(failure, HttpStatus.NOT_FOUND)) {
                model.addAttribute("unavailable", ServiceErrors.describe(failure));
            }
            // 404: no address registered yet, an empty form
        }
        return PAGE;
    }

    @PostMapping("/console/firm/contact")
    String register(@RequestParam(defaultValue = "") String email, Model model, RedirectAttributes redirect,
                    HttpServletResponse response) {
        String uscc = Caller.current().uscc();
        if (uscc == null) {
            // a firm's session without a USCC in its token is no firm's
            return Denied.page(response);
        }
        try {
            services.notifier().put().uri("/api/v1/firms/{uscc}/contact", uscc).contentType(MediaType.APPLICATION_JSON)
                    .body(new ContactRegistration(email.strip())).retrieve().toBodilessEntity();
        } catch (RestClientException failure) {
            model.addAttribute("email", email);
            model.addAttribute(ServiceErrors.refusedAsBad(failure) ? "refused" : "unavailable", ServiceErrors.describe(failure));
            return PAGE;
        }
        redirect.addFlashAttribute("saved", true);
        return "redirect:/console/firm/contact";
    }
}
