package cn.shanghai.techfinance.subsidy.api;

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
 * Settlements' refusals as problems, ahead of web-security's catch-all: the state of things (409),
 * the maker approving their own work (403), no such settlement or budget (404), a malformed bank
 * results file (400, naming the line and field).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class SettlementProblems {

    @ExceptionHandler(SettlementRefused.class)
    ProblemDetail refused(SettlementRefused e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(MakerCheckerViolation.class)
    ProblemDetail makerChecker(MakerCheckerViolation e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(SettlementNotFound.class)
    ProblemDetail notFound(SettlementNotFound e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(ReconciliationFile.Malformed.class)
    ProblemDetail malformed(ReconciliationFile.Malformed e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }
}
