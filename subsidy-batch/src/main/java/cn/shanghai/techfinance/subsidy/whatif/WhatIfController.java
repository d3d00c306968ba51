package cn.shanghai.techfinance.subsidy.whatif;

import cn.shanghai.techfinance.security.Caller;
import cn.shanghai.techfinance.subsidy.whatif.WhatIfStore.WhatIf;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** What-ifs (政策测算): a drafted rule version priced on the real ledger, for officers. */
@RestController
@RequestMapping("/api/v1/what-ifs")
@Tag(name = "what-ifs", description = "A proposed rule change priced on the real ledger, in a sandbox")
public class WhatIfController {

    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final WhatIfs whatIfs;
    private final WhatIfStore store;

    public WhatIfController(WhatIfs whatIfs, WhatIfStore store) {
        this.whatIfs = whatIfs;
        this.store = store;
    }

    /**
     * @param from first trigger date of the period (YYYY-MM-DD)
     * @param to last trigger date of the period, inclusive
     * @param draft the rule parameters to change, named as in a rule version; the others stay as they are
     */
    public record WhatIfRequest(String from, String to, Map<String, Object> draft) {
    }

    public record WhatIfView(long id, LocalDate from, LocalDate to, String status, String createdBy, String draft) {

        static WhatIfView of(WhatIf w) {
            return new WhatIfView(w.id(), w.from(), w.to(), w.status().name(), w.createdBy(), w.draft());
        }
    }

    @PostMapping
    @Operation(summary = "Start a what-if: every trigger of the period priced with the current rules and with the draft",
            description = "202 with the what-if (RUNNING); its job recomputes the period's claims from the ledger twice, caps "
                    + "starting from what the claims triggered before 'from' took, and writes nothing but the what-if's own "
                    + "tables (no claim, cap usage, event or notification). 400 naming the field for a bad period or a draft "
                    + "field that is not a rule parameter or has a value the rules refuse.")
    public ResponseEntity<WhatIfView> start(@RequestBody WhatIfRequest body) {
        LocalDate from = date("from", body.from());
        LocalDate to = date("to", body.to());
        if (from.isAfter(to)) {
            throw badRequest("'from' (" + from + ") is after 'to' (" + to + ")");
        }
        String user = Caller.current().user() == null || Caller.current().user().isBlank() ? "unnamed caller" : Caller.current().user();
        WhatIf started = whatIfs.start(from, to, body.draft(), user);
        return ResponseEntity.accepted().location(URI.create("/api/v1/what-ifs/" + started.id())).body(WhatIfView.of(started));
    }

    @GetMapping
    @Operation(summary = "Every what-if, the newest first")
    public List<WhatIfView> all() {
        return store.all().stream().map(WhatIfView::of).toList();
    }

    @GetMapping(value = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A what-if's result: per programme before → after, and every priced claim",
            description = "404 when there is no such what-if. As CSV with Accept: text/csv or ?format=csv.")
    public WhatIfResult result(@PathVariable long id) {
        return whatIfs.result(whatIf(id));
    }

    @GetMapping(value = "/{id}", produces = "text/csv")
    @Operation(summary = "A what-if's result as CSV (Accept: text/csv)", description = "Columns: " + WhatIfCsv.HEADER + ".")
    public ResponseEntity<String> csv(@PathVariable long id) {
        return ResponseEntity.ok().contentType(CSV).body(WhatIfCsv.write(result(id)));
    }

    @GetMapping(value = "/{id}", params = "format=csv")
    @Operation(summary = "A what-if's result as CSV (?format=csv)", description = "As with Accept: text/csv.")
    public ResponseEntity<String> csvByParameter(@PathVariable long id) {
        return csv(id);
    }

    @ExceptionHandler(WhatIfDraft.Invalid.class)
    ProblemDetail invalidDraft(WhatIfDraft.Invalid e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    private WhatIf whatIf(long id) {
        return whatIfs.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no what-if " + id));
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            throw badRequest("'" + field + "' is missing (YYYY-MM-DD)");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw badRequest("'" + field + "' must be a date (YYYY-MM-DD), not '" + (value.length() > 32 ? value.substring(0, 32) + "…" : value) + "'");
        }
        // the database's DATE holds the years 1000 to 9999
        if (date.getYear() < 1000 || date.getYear() > 9999) {
            throw badRequest("'" + field + "' must be a date of the years 1000 to 9999, not " + date);
        }
        return date;
    }

    private static ResponseStatusException badRequest(String detail) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
    }
}
