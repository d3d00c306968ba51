package cn.shanghai.techfinance.subsidy.console.officer;

import cn.shanghai.techfinance.subsidy.api.ClaimsExportController;
import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.claims.ClaimSearch;
import cn.shanghai.techfinance.subsidy.ledger.FirmNameSearch;
import cn.shanghai.techfinance.subsidy.ledger.LedgerReader;
import cn.shanghai.techfinance.subsidy.rules.ClaimStatus;
import cn.shanghai.techfinance.subsidy.rules.Program;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The officers' claims search: by firm (USCC, or part of its name as the ledger has it), bank,
 * programme, status and trigger period, 50 a page by trigger date, and the same claims as CSV. A
 * plain GET form: the filters are in the URL, so they stay across pages and in a bookmark.
 */
@Controller
class ClaimsController {

    static final int PER_PAGE = 50;
    /** A name that matches more firms than this is too vague a filter: the page asks for more of it. */
    static final int MOST_FIRMS_BY_NAME = 500;
    private static final Pattern USCC = Pattern.compile("[0-9A-Z]{18}");
    /** Excel reads a CSV as UTF-8 only when it starts with the byte order mark. */
    private static final String BOM = "\uFEFF";

    private final ClaimSearch search;
    private final FirmNameSearch firmNames;
    private final LedgerReader ledger;

    ClaimsController(ClaimSearch search, FirmNameSearch firmNames, LedgerReader ledger) {
        this.search = search;
        this.firmNames = firmNames;
        this.ledger = ledger;
    }

    /** The form as the officer filled it in, every field text (blank: any), shown back as typed. */
    public record ClaimsForm(String firm, String bank, String program, String status, String from, String to, String sort, String page) {

        public ClaimsForm {
            firm = blankToNull(firm);
            bank = blankToNull(bank);
            program = blankToNull(program);
            status = blankToNull(status);
            from = blankToNull(from);
            to = blankToNull(to);
            sort = "asc".equals(sort) ? "asc" : "desc";
        }

        /** The page asked for: 1 unless a positive number was. */
        public int pageNumber() {
            try {
                return page == null ? 1 : Math.max(1, Integer.parseInt(page.strip()));
            } catch (NumberFormatException notANumber) {
                return 1;
            }
        }

        public boolean newestFirst() {
            return "desc".equals(sort);
        }
    }

    /** The filter the form asks for, or the message keys of what in it cannot be understood. */
    private record Parsed(ClaimSearch.Filter filter, List<String> errors, boolean tooManyFirms) {
    }

    @ModelAttribute("programs")
    List<Program> programs() {
        return List.of(Program.values());
    }

    @ModelAttribute("statuses")
    List<ClaimStatus> statuses() {
        return List.of(ClaimStatus.values());
    }

    @GetMapping("/console/officer/claims")
    String claims(@ModelAttribute("form") ClaimsForm form, HttpServletRequest request, Model model) {
        Parsed parsed = parse(form);
        model.addAttribute("errors", parsed.errors());
        model.addAttribute("tooManyFirms", parsed.tooManyFirms());
        model.addAttribute("mostFirmsByName", MOST_FIRMS_BY_NAME);
        if (!parsed.errors().isEmpty()) {
            model.addAttribute("claims", List.of());
            model.addAttribute("count", 0L);
            model.addAttribute("page", 1);
            model.addAttribute("pages", 1);
            return "console/officer/claims";
        }
        long count = search.count(parsed.filter());
        int pages = (int) Math.max(1, (count + PER_PAGE - 1) / PER_PAGE);
        int page = Math.min(form.pageNumber(), pages);
        List<ClaimRecord> claims = search.page(parsed.filter(), form.newestFirst(), (page - 1) * PER_PAGE, PER_PAGE);
        model.addAttribute("claims", claims);
        model.addAttribute("firmNames", ledger.firmNames(claims.stream().map(ClaimRecord::uscc).toList()));
        model.addAttribute("count", count);
        model.addAttribute("page", page);
        model.addAttribute("pages", pages);
        String base = request.getContextPath() + "/console/officer/claims";
        model.addAttribute("previousUrl", page > 1 ? link(base, form, form.sort(), page - 1) : null);
        model.addAttribute("nextUrl", page < pages ? link(base, form, form.sort(), page + 1) : null);
        model.addAttribute("resortUrl", link(base, form, form.newestFirst() ? "asc" : "desc", 1));
        model.addAttribute("exportUrl", link(base + "/export", form, form.sort(), null));
        return "console/officer/claims";
    }

    /** Exactly the claims of the filter, in the page's order, in the columns of the API's export. */
    @GetMapping("/console/officer/claims/export")
    ResponseEntity<byte[]> export(@ModelAttribute("form") ClaimsForm form, HttpServletRequest request) {
        Parsed parsed = parse(form);
        if (!parsed.errors().isEmpty() || parsed.tooManyFirms()) {
            // the page says what is wrong with the filter
            return ResponseEntity.status(HttpStatus.SEE_OTHER)
                    .header(HttpHeaders.LOCATION, link(request.getContextPath() + "/console/officer/claims", form, form.sort(), null))
                    .build();
        }
        byte[] csv = (BOM + ClaimsExportController.csv(search.all(parsed.filter(), form.newestFirst())))
                .getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("claims.csv").build().toString())
                .body(csv);
    }

    private Parsed parse(ClaimsForm form) {
        List<String> errors = new ArrayList<>();
        List<String> usccs = null;
        boolean tooMany = false;
        if (form.firm() != null) {
            String upper = form.firm().toUpperCase(Locale.ROOT);
            if (USCC.matcher(upper).matches()) {
                usccs = List.of(upper);
            } else {
                usccs = firmNames.usccsNamed(form.firm(), MOST_FIRMS_BY_NAME + 1);
                if (usccs.size() > MOST_FIRMS_BY_NAME) {
                    tooMany = true;
                    usccs = usccs.subList(0, MOST_FIRMS_BY_NAME);
                }
            }
        }
        Program program = null;
        if (form.program() != null) {
            try {
                program = Program.valueOf(form.program());
            } catch (IllegalArgumentException unknown) {
                errors.add("claims.error.program");
            }
        }
        ClaimStatus status = null;
        if (form.status() != null) {
            try {
                status = ClaimStatus.valueOf(form.status());
            } catch (IllegalArgumentException unknown) {
                errors.add("claims.error.status");
            }
        }
        LocalDate from = date(form.from(), "claims.error.from", errors);
        LocalDate to = date(form.to(), "claims.error.to", errors);
        if (from != null && to != null && to.isBefore(from)) {
            errors.add("claims.error.period");
        }
        return new Parsed(new ClaimSearch.Filter(usccs, form.bank(), program, status, from, to), errors, tooMany);
    }

    private static LocalDate date(String text, String error, List<String> errors) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(error);
            return null;
        }
    }

    /** The search's URL with the form's filters (the blank ones left out), a sort order and a page. */
    private static String link(String base, ClaimsForm form, String sort, Integer page) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(base);
        param(uri, "firm", form.firm());
        param(uri, "bank", form.bank());
        param(uri, "program", form.program());
        param(uri, "status", form.status());
        param(uri, "from", form.from());
        param(uri, "to", form.to());
        param(uri, "sort", sort);
        if (page != null) {
            uri.queryParam("page", page);
        }
        return uri.build().encode().toUriString();
    }

    private static void param(UriComponentsBuilder uri, String name, String value) {
        if (value != null) {
            uri.queryParam(name, value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
