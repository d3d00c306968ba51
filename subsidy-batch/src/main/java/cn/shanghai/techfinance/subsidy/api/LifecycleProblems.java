package cn.shanghai.techfinance.subsidy.api;

import cn.shanghai.techfinance.subsidy.claims.ConcurrentClaimChange;
import cn.shanghai.techfinance.subsidy.lifecycle.Recoveries;
import cn.shanghai.techfinance.subsidy.publication.ConfirmationRefused;
import cn.shanghai.techfinance.subsidy.publication.NoSuchClaim;
import cn.shanghai.techfinance.subsidy.publication.PublicationRefused;
import cn.shanghai.techfinance.subsidy.rules.CalendarYearNotLoaded;
import cn.shanghai.techfinance.subsidy.settlement.MakerCheckerViolation;
import cn.shanghai.techfinance.subsidy.settlement.ReconciliationFile;
import cn.shanghai.techfinance.subsidy.settlement.SettlementNotFound;
import cn.shanghai.techfinance.subsidy.settlement.SettlementRefused;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The lifecycle's refusals as problems, in one place and ahead of web-security's catch-all (which
 * would make them a bare 500): the state of things (409: nothing new to publish or settle, a
 * deadline passed or in a year whose calendar is not loaded, a claim changed meanwhile, a budget
 * exceeded), the maker approving their own work (403), no such claim, settlement or budget (404),
 * a malformed bank results file (400, naming the line and field). For the API's controllers only:
 * the console's pages answer the same refusals with pages (console/ConsoleErrors).
 */
@RestControllerAdvice(basePackageClasses = LifecycleProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class LifecycleProblems {

    @ExceptionHandler({CalendarYearNotLoaded.class, ConcurrentClaimChange.class, PublicationRefused.class,
            ConfirmationRefused.class, SettlementRefused.class, Recoveries.NotDueBack.class})
    ProblemDetail conflict(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(MakerCheckerViolation.class)
    ProblemDetail makerChecker(MakerCheckerViolation e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler({NoSuchClaim.class, SettlementNotFound.class})
    ProblemDetail notFound(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(ReconciliationFile.Malformed.class)
    ProblemDetail malformed(ReconciliationFile.Malformed e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }
}
