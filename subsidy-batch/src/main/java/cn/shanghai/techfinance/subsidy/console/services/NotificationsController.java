package cn.shanghai.techfinance.subsidy.console.services;

import cn.shanghai.techfinance.security.Caller;
import cn.shanghai.techfinance.security.Role;
import cn.shanghai.techfinance.subsidy.console.ServiceApis;
import cn.shanghai.techfinance.subsidy.console.services.ServiceViews.Delivery;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.RestClientException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The notifier's parked deliveries ({@code /console/officer/notifications}): results and notices
 * whose retries ran out or that the recipient refused for good, in ledger order, filtered by
 * recipient and channel; an officer sends one again ({@code POST …/{id}/redelivery}, by htmx: the
 * row is replaced by what the notifier answered). Auditors read the list and get no button; the
 * notifier would refuse them anyway.
 */
@Controller
class NotificationsController {

    static final int PAGE_SIZE = 50;
    static final List<String> CHANNELS = List.of("WEBHOOK", "EMAIL", "KAFKA");

    private final ServiceApis services;

    NotificationsController(ServiceApis services) {
        this.services = services;
    }

    @GetMapping("/console/officer/notifications")
    String parked(@RequestParam(required = false) String recipient, @RequestParam(required = false) String channel,
                  @RequestParam(defaultValue = "0") String after, Model model, HttpServletResponse response) {
        Caller caller = Caller.current();
        if (!caller.readsEverything()) {
            return Denied.page(response);
        }
        String who = StringUtils.hasText(recipient) ? recipient.strip() : null;
        String through = channel != null && CHANNELS.contains(channel) ? channel : null;
        model.addAttribute("recipient", who);
        model.addAttribute("channel", through);
        model.addAttribute("channels", CHANNELS);
        model.addAttribute("redeliver", caller.has(Role.OFFICER));
        try {
            List<Delivery> parked = services.notifier().get()
                    .uri(uri -> uri.path("/api/v1/deliveries").queryParam("status", "PARKED")
                            .queryParamIfPresent("recipient", Optional.ofNullable(who))
                            .queryParamIfPresent("channel", Optional.ofNullable(through))
                            .queryParam("afterId", Paging.number(after)).queryParam("limit", PAGE_SIZE).build())
                    .retrieve().body(new ParameterizedTypeReference<List<Delivery>>() { });
            model.addAttribute("deliveries", parked);
            // the ledger pages by id: the next page starts after the last one shown
            model.addAttribute("nextAfter", parked.size() == PAGE_SIZE ? parked.get(parked.size() - 1).id() : null);
        } catch (RestClientException failure) {
            model.addAttribute("unavailable", ServiceErrors.describe(failure));
        }
        return "console/officer/notifications";
    }

    /**
     * Sends a parked delivery again. By htmx: the delivery's row as it now stands, with what happened
     * in words; from a plain form (no script): back to the list with the same words.
     */
    @PostMapping("/console/officer/notifications/{id}/redelivery")
    String redeliver(@PathVariable long id, @RequestHeader(name = "HX-Request", required = false) String htmx,
                     Model model, RedirectAttributes redirect, HttpServletResponse response) {
        if (!Caller.current().has(Role.OFFICER)) {
            return Denied.page(response);
        }
        String outcome;
        Delivery delivery = null;
        try {
            delivery = services.notifier().post().uri("/api/v1/deliveries/{id}/redelivery", id).retrieve().body(Delivery.class);
            outcome = "queued";
        } catch (RestClientException failure) {
            if (ServiceErrors.status(failure, HttpStatus.CONFLICT)) {
                outcome = "notParked";
                delivery = current(id);
            } else if (ServiceErrors.status(failure, HttpStatus.NOT_FOUND)) {
                outcome = "gone";
            } else {
                outcome = "failed";
                model.addAttribute("failure", ServiceErrors.describe(failure));
            }
        }
        if (htmx == null) {
            redirect.addFlashAttribute("redelivered", outcome);
            redirect.addFlashAttribute("redeliveredId", id);
            redirect.addFlashAttribute("failure", model.getAttribute("failure"));
            return "redirect:/console/officer/notifications";
        }
        model.addAttribute("id", id);
        model.addAttribute("delivery", delivery);
        model.addAttribute("outcome", outcome);
        model.addAttribute("redeliver", true);
        return "console/officer/notifications-row :: row";
    }

    /** The delivery as the ledger has it now, or null when it cannot be read. */
    private Delivery current(long id) {
        try {
            return services.notifier().get().uri("/api/v1/deliveries/{id}", id).retrieve().body(Delivery.class);
        } catch (RestClientException failure) {
            return null;
        }
    }
}
