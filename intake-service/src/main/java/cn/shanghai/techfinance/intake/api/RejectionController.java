package cn.shanghai.techfinance.intake.api;

import cn.shanghai.techfinance.contracts.BankCode;
import cn.shanghai.techfinance.contracts.EventSource;
import cn.shanghai.techfinance.contracts.bank.RejectionCode;
import cn.shanghai.techfinance.intake.api.Rejections.Count;
import cn.shanghai.techfinance.intake.api.Rejections.Criteria;
import cn.shanghai.techfinance.intake.api.Rejections.Rejection;
import cn.shanghai.techfinance.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The events intake rejected, for officers following banks' data quality up and for a bank's
 * integrator (read-only): {@code GET /api/v1/rejections} lists them newest first, paged;
 * {@code GET /api/v1/rejections/summary} counts them by bank and reason. Officers and auditors read
 * every sender's; a bank or an insurer only its own (its token's code, the default for it). The
 * {@code bank} filter is a code of the one namespace of bank and insurer codes.
 */
@RestController
@RequestMapping("/api/v1/rejections")
@Tag(name = "rejections", description = "Rejected inbound events by bank and reason (拒收事件)")
public class RejectionController {

    private static final int MAX_PAGE = 200;
    /** The dates of the filters are Shanghai's, as banks and officers read them. */
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final Rejections rejections;

    public RejectionController(Rejections rejections) {
        this.rejections = rejections;
    }

    /** One page of rejections: {@code total} of them match, {@code page} counts from 0. */
    public record RejectionPage(List<Rejection> items, int page, int size, long total) {
    }

    /** The counts of rejected events by sender and reason, for the period asked. */
    public record RejectionSummary(LocalDate from, LocalDate to, List<Count> counts) {
    }

    @GetMapping
    @Operation(summary = "Rejected events, newest first",
            description = "Filters: bank (its code), reason (a rejection code: the event has a violation with it), from and "
                    + "to (dates of arrival in Shanghai time, both inclusive). Paged: page from 0, size up to 200. A bank reads "
                    + "only its own: bank defaults to its token's, another bank's is refused with 403")
    public RejectionPage list(@Parameter(description = "bank code, e.g. ICBC-SH") @RequestParam(required = false) String bank,
                              @RequestParam(required = false) RejectionCode reason,
                              @RequestParam(required = false) LocalDate from,
                              @RequestParam(required = false) LocalDate to,
                              @RequestParam(defaultValue = "0") int page,
                              @RequestParam(defaultValue = "50") int size) {
        if (page < 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "size must be 1–" + MAX_PAGE);
        }
        Criteria criteria = criteria(bank, reason, from, to);
        return new RejectionPage(rejections.find(criteria, (long) page * size, size), page, size, rejections.count(criteria));
    }

    @GetMapping("/summary")
    @Operation(summary = "Rejected events counted by bank and reason",
            description = "An event with several reasons counts once under each. Same filters and access as the list")
    public RejectionSummary summary(@RequestParam(required = false) String bank,
                                    @RequestParam(required = false) RejectionCode reason,
                                    @RequestParam(required = false) LocalDate from,
                                    @RequestParam(required = false) LocalDate to) {
        return new RejectionSummary(from, to, rejections.summary(criteria(bank, reason, from, to)));
    }

    private static Criteria criteria(String bank, RejectionCode reason, LocalDate from, LocalDate to) {
        if (bank != null && !BankCode.isValid(bank)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a bank code: " + bank);
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "to (" + to + ") is before from (" + from + ")");
        }
        Caller caller = Caller.current();
        List<String> sources = bank == null ? null : List.of(EventSource.bank(bank), EventSource.insurer(bank));
        if (!caller.readsEverything()) {
            // the URL rule lets banks and insurers in; each sees its own rejections only
            if (caller.isBank(caller.bankCode()) && (bank == null || caller.isBank(bank))) {
                sources = List.of(EventSource.bank(caller.bankCode()));
            } else if (caller.isInsurer(caller.insurerCode()) && (bank == null || caller.isInsurer(bank))) {
                sources = List.of(EventSource.insurer(caller.insurerCode()));
            } else {
                throw new ResponseStatusException(HttpStatus.FORBIDDEN, "a bank or an insurer reads only its own rejections");
            }
        }
        return new Criteria(sources, reason, startOf(from), to == null ? null : startOf(to.plusDays(1)));
    }

    private static Instant startOf(LocalDate day) {
        return day == null ? null : day.atStartOfDay(SHANGHAI).toInstant();
    }
}
