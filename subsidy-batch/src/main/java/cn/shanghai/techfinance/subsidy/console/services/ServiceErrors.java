package cn.shanghai.techfinance.subsidy.console.services;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/** How a page tells what went wrong when it called intake or the notifier: the service's own words where it gave some. */
final class ServiceErrors {

    private ServiceErrors() {
    }

    /** The service refused the request itself as bad (400): its problem detail is what to show beside the field. */
    static boolean refusedAsBad(RestClientException failure) {
        return failure instanceof RestClientResponseException answer && answer.getStatusCode().value() == HttpStatus.BAD_REQUEST.value();
    }

    static boolean status(RestClientException failure, HttpStatus status) {
        return failure instanceof RestClientResponseException answer && answer.getStatusCode().value() == status.value();
    }

    /** The RFC 9457 {@code detail} of the service's answer, else its status; "unreachable" when no answer came. */
    static String describe(RestClientException failure) {
        if (failure instanceof RestClientResponseException answer) {
            try {
                ProblemDetail problem = answer.getResponseBodyAs(ProblemDetail.class);
                if (problem != null && problem.getDetail() != null) {
                    return problem.getDetail();
                }
            } catch (RuntimeException unreadable) {
                // not a problem body (a proxy's HTML page, say): the status says enough
            }
            return "HTTP " + answer.getStatusCode().value();
        }
        if (failure instanceof ResourceAccessException) {
            return "unreachable";
        }
        return failure.getClass().getSimpleName();
    }
}
