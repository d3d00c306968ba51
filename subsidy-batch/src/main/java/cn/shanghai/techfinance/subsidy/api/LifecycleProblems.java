package cn.shanghai.techfinance.subsidy.api;

import cn.shanghai.techfinance.subsidy.claims.ConcurrentClaimChange;
import cn.shanghai.techfinance.subsidy.rules.CalendarYearNotLoaded;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The lifecycle's refusals that are not a caller's mistake but the state of things, as 409
 * problems: a deadline in a year whose calendar is not loaded, a claim changed meanwhile. Ahead of
 * web-security's catch-all, which would make them a bare 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class LifecycleProblems {

    @ExceptionHandler(CalendarYearNotLoaded.class)
    ProblemDetail calendarYearNotLoaded(CalendarYearNotLoaded e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(ConcurrentClaimChange.class)
    ProblemDetail concurrentClaimChange(ConcurrentClaimChange e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }
}
