package cn.shanghai.techfinance.subsidy.console.services;

import cn.shanghai.techfinance.contracts.bank.RejectionCode;
import cn.shanghai.techfinance.security.Caller;
import cn.shanghai.techfinance.subsidy.console.ServiceApis;
import cn.shanghai.techfinance.subsidy.console.services.ServiceViews.RejectionCount;
import cn.shanghai.techfinance.subsidy.console.services.ServiceViews.RejectionPage;
import cn.shanghai.techfinance.subsidy.console.services.ServiceViews.RejectionSummary;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Intake's rejected events for officers and auditors ({@code /console/officer/rejections}): counted
 * by bank and reason (a table and a bar chart), filtered by bank, reason and arrival date, listed
 * newest first with each reason in words. Read from intake's rejections API with the person's token.
 */
@Controller
class RejectionsController {

    static final int PAGE_SIZE = 20;

    private final ServiceApis services;
    private final MessageSource messages;
    private final JsonMapper json;

    RejectionsController(ServiceApis services, MessageSource messages, JsonMapper json) {
        this.services = services;
        this.messages = messages;
        this.json = json;
    }

    /** The filters as the form sends them (an empty field: no filter), passed on as they are: intake says what is wrong with one. */
    record Filters(String bank, String reason, String from, String to) {

        Filters {
            bank = StringUtils.hasText(bank) ? bank.strip().toUpperCase(Locale.ROOT) : null;
            reason = given(reason);
            from = given(from);
            to = given(to);
        }

        private static String given(String value) {
            return StringUtils.hasText(value) ? value.strip() : null;
        }

        UriBuilder apply(UriBuilder uri) {
            return uri.queryParamIfPresent("bank", Optional.ofNullable(bank))
                    .queryParamIfPresent("reason", Optional.ofNullable(reason))
                    .queryParamIfPresent("from", Optional.ofNullable(from))
                    .queryParamIfPresent("to", Optional.ofNullable(to));
        }
    }

    @GetMapping("/console/officer/rejections")
    String rejections(@RequestParam(required = false) String bank, @RequestParam(required = false) String reason,
                      @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                      @RequestParam(defaultValue = "0") String page, Locale locale, Model model, HttpServletResponse response) {
        if (!Caller.current().readsEverything()) {
            // intake shows rejections to officers and auditors only; an approver has no business here
            return Denied.page(response);
        }
        Filters filters = new Filters(bank, reason, from, to);
        model.addAttribute("filters", filters);
        model.addAttribute("reasons", RejectionCode.values());
        try {
            RejectionSummary summary = services.intake().get()
                    .uri(uri -> filters.apply(uri.path("/api/v1/rejections/summary")).build())
                    .retrieve().body(RejectionSummary.class);
            RejectionPage list = services.intake().get()
                    .uri(uri -> filters.apply(uri.path("/api/v1/rejections"))
                            .queryParam("page", Paging.number(page)).queryParam("size", PAGE_SIZE).build())
                    .retrieve().body(RejectionPage.class);
            model.addAttribute("counts", summary.counts());
            model.addAttribute("chart", chart(summary.counts(), locale));
            model.addAttribute("rejections", list);
        } catch (RestClientException failure) {
            // a filter intake refuses (a malformed bank code, dates the wrong way round) is said beside the form
            model.addAttribute(ServiceErrors.refusedAsBad(failure) ? "refused" : "unavailable", ServiceErrors.describe(failure));
        }
        return "console/officer/rejections";
    }

    /** A Chart.js bar chart: a bar per reason, a stacked part of it per bank. */
    private String chart(List<RejectionCount> counts, Locale locale) {
        List<String> reasons = new ArrayList<>(new TreeSet<>(counts.stream().map(RejectionCount::reason).toList()));
        Map<String, long[]> bySender = new LinkedHashMap<>();
        for (RejectionCount count : counts) {
            bySender.computeIfAbsent(count.sender(), s -> new long[reasons.size()])[reasons.indexOf(count.reason())] += count.events();
        }
        List<Map<String, Object>> datasets = new ArrayList<>();
        bySender.forEach((sender, values) -> datasets.add(Map.of("label", sender, "data", values)));
        Map<String, Object> axes = Map.of("x", Map.of("stacked", true),
                "y", Map.of("stacked", true, "beginAtZero", true, "ticks", Map.of("precision", 0)));
        return json.writeValueAsString(Map.of("type", "bar",
                "data", Map.of("labels", reasons.stream().map(reason -> words(reason, locale)).toList(), "datasets", datasets),
                "options", Map.of("scales", axes)));
    }

    private String words(String reason, Locale locale) {
        return messages.getMessage("rejections.reason." + reason, null, reason, locale);
    }
}
