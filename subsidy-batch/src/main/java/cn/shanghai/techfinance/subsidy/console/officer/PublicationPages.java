package cn.shanghai.techfinance.subsidy.console.officer;

import cn.shanghai.techfinance.contracts.claims.ClaimEvent;
import cn.shanghai.techfinance.security.Caller;
import cn.shanghai.techfinance.security.Role;
import cn.shanghai.techfinance.subsidy.api.PublicationController;
import cn.shanghai.techfinance.subsidy.api.PublicationController.PublicationRequest;
import cn.shanghai.techfinance.subsidy.api.PublicationController.PublicationView;
import cn.shanghai.techfinance.subsidy.lifecycle.BusinessClock;
import cn.shanghai.techfinance.subsidy.publication.Publication;
import cn.shanghai.techfinance.subsidy.publication.PublicationRefused;
import cn.shanghai.techfinance.subsidy.publication.Publications;
import cn.shanghai.techfinance.subsidy.rules.CalendarYearNotLoaded;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The publication lists (公示名单) in the console: every list so far, an officer's form to publish a
 * programme's period, each list's claims and its files. The same operations as the API's
 * {@link PublicationController} (which checks the request and publishes through {@link Publications}),
 * for a signed-in person: only an officer publishes, the full lists are for officers and auditors,
 * the public notice (USCCs masked) for every role of these pages.
 */
@Controller
class PublicationPages {

    private static final String BASE = "/console/officer/publications";

    private final Publications publications;
    private final PublicationController api;
    private final BusinessClock businessClock;

    PublicationPages(Publications publications, PublicationController api, BusinessClock businessClock) {
        this.publications = publications;
        this.api = api;
        this.businessClock = businessClock;
    }

    /** What the publish form holds: as typed, to show again with a refusal. */
    record PublishForm(String program, String from, String to) {
    }

    @GetMapping(BASE)
    String all(Model model) {
        return list(model, new PublishForm(ClaimEvent.Program.LYD_PREMIUM.name(), "", ""));
    }

    @PostMapping(BASE)
    String publish(@RequestParam(required = false) String program, @RequestParam(required = false) String from,
                   @RequestParam(required = false) String to, Model model, HttpServletResponse response,
                   RedirectAttributes redirect) {
        if (!Caller.current().has(Role.OFFICER)) {
            return denied(response);
        }
        PublishForm form = new PublishForm(program, from, to);
        String refusal;
        try {
            PublicationView published = api.publish(new PublicationRequest(program, from, to)).getBody();
            redirect.addFlashAttribute("published", published);
            return "redirect:" + BASE + "/" + published.id();
        } catch (ResponseStatusException badRequest) {
            response.setStatus(badRequest.getStatusCode().value());
            model.addAttribute("refusalKind", "badRequest");
            refusal = badRequest.getReason();
        } catch (PublicationRefused | CalendarYearNotLoaded refused) {
            // nothing new in the period, or a deadline in a year whose calendar is not loaded: nothing was published
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("refusalKind", refused instanceof CalendarYearNotLoaded ? "calendar" : "refused");
            refusal = refused.getMessage();
        }
        model.addAttribute("refusal", refusal);
        return list(model, form);
    }

    @GetMapping(BASE + "/{id}")
    String one(@PathVariable long id, Model model, HttpServletResponse response) {
        Optional<Publication> publication = publications.find(id);
        if (publication.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("missing", id);
            return "console/officer/publication";
        }
        model.addAttribute("publication", publication.get());
        model.addAttribute("entries", publications.entries(id));
        model.addAttribute("readsFullList", Caller.current().readsEverything());
        return "console/officer/publication";
    }

    /** The list in full (USCCs as they are): officers and auditors, as the API has it. */
    @GetMapping(BASE + "/{id}/list.csv")
    ResponseEntity<byte[]> listCsv(@PathVariable long id) {
        return Caller.current().readsEverything() ? api.listCsv(id) : ResponseEntity.status(HttpStatus.FORBIDDEN).build();
    }

    @GetMapping(BASE + "/{id}/list.xlsx")
    ResponseEntity<byte[]> listXlsx(@PathVariable long id) {
        return Caller.current().readsEverything() ? api.listXlsx(id) : ResponseEntity.status(HttpStatus.FORBIDDEN).build();
    }

    /** The public notice (公示), USCCs masked: every role of these pages. */
    @GetMapping(BASE + "/{id}/notice.csv")
    ResponseEntity<byte[]> noticeCsv(@PathVariable long id) {
        return api.noticeCsv(id);
    }

    @GetMapping(BASE + "/{id}/notice.xlsx")
    ResponseEntity<byte[]> noticeXlsx(@PathVariable long id) {
        return api.noticeXlsx(id);
    }

    private String list(Model model, PublishForm form) {
        List<Publication> all = publications.all();
        model.addAttribute("publications", all);
        model.addAttribute("form", form);
        model.addAttribute("programs", ClaimEvent.Program.values());
        model.addAttribute("mayPublish", Caller.current().has(Role.OFFICER));
        model.addAttribute("today", businessClock.today());
        return "console/officer/publications";
    }

    private static String denied(HttpServletResponse response) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        return "console/denied";
    }
}
