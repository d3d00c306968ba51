package cn.shanghai.techfinance.subsidy.console;

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
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * What goes wrong on a console page is a page in the layout, in the person's language, never the
 * API's JSON problem body nor a stack trace: the same refusals the API answers with 403, 404 and 409,
 * with the same status, and anything unexpected as a 500 page (logged here). Ahead of the API's
 * advice (ApiProblems, LifecycleProblems), for the console's controllers only.
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

    private static final Logger log = LoggerFactory.getLogger(ConsoleErrors.class);

    @ExceptionHandler({AccessDeniedException.class, MakerCheckerViolation.class})
    ModelAndView denied(RuntimeException e, HttpServletRequest request, Locale locale) {
        ModelAndView page = page("console/denied", HttpStatus.FORBIDDEN, request, locale);
        page.addObject("detail", e instanceof MakerCheckerViolation ? e.getMessage() : null);
        return page;
    }

    @ExceptionHandler({NoSuchClaim.class, SettlementNotFound.class})
    ModelAndView notFound(RuntimeException e, HttpServletRequest request, Locale locale) {
        return error(HttpStatus.NOT_FOUND, e.getMessage(), request, locale);
    }

    @ExceptionHandler({CalendarYearNotLoaded.class, ConcurrentClaimChange.class, PublicationRefused.class, ConfirmationRefused.class,
            SettlementRefused.class, Recoveries.NotDueBack.class})
    ModelAndView refused(RuntimeException e, HttpServletRequest request, Locale locale) {
        return error(HttpStatus.CONFLICT, e.getMessage(), request, locale);
    }

    /** A bank results file that does not read (its message names the line and field), or a path segment or parameter of the wrong type. */
    @ExceptionHandler({ReconciliationFile.Malformed.class, TypeMismatchException.class})
    ModelAndView malformed(Exception e, HttpServletRequest request, Locale locale) {
        // a type mismatch's own message names Java types: not for the reader
        return error(HttpStatus.BAD_REQUEST, e instanceof ReconciliationFile.Malformed ? e.getMessage() : null, request, locale);
    }

    /** Anything else: a ResponseStatusException and the like with their own status and reason, the rest a logged 500. */
    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e, HttpServletRequest request, Locale locale) {
        if (e instanceof ErrorResponse response) {
            return error(response.getStatusCode(), response.getBody().getDetail(), request, locale);
        }
        log.error("console page {} failed", request.getRequestURI(), e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, null, request, locale);
    }

    private static ModelAndView error(HttpStatusCode status, String detail, HttpServletRequest request, Locale locale) {
        ModelAndView page = page("console/error", status, request, locale);
        page.addObject("status", status.value());
        page.addObject("detail", detail);
        return page;
    }

    /** The layout's attributes: @ModelAttribute methods do not run for an exception handler's view. */
    private static ModelAndView page(String view, HttpStatusCode status, HttpServletRequest request, Locale locale) {
        ModelAndView page = new ModelAndView(view, status);
        ConsoleModel.common(request, locale).forEach(page::addObject);
        return page;
    }
}
