package cn.shanghai.techfinance.subsidy;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.security.RequestBodyFuzz;
import cn.shanghai.techfinance.subsidy.lifecycle.BusinessClock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Hostile request bodies ({@link RequestBodyFuzz}) on every endpoint of subsidy-batch's API that
 * reads one, found in the running context, each as a caller the endpoint lets reach the body: a 4xx
 * problem, never a server error or the service's insides. The path names what no other test uses
 * (a claim and a settlement that do not exist, the year 2199, the fuzz's own bank and firm); the
 * business date, which a valid mutation may set, is put back as it was.
 */
class RequestBodyFuzzTest extends EndToEndTest {

    private static final String FIRM = LoanStories.uscc(9_990_123);

    @Autowired
    ApplicationContext context;

    @Autowired
    BusinessClock businessClock;

    @Test
    void everyEndpointThatReadsABodyAnswersHostileBodiesWithAProblemAndNeverAServerError() {
        List<RequestBodyFuzz.Endpoint> endpoints = RequestBodyFuzz.endpoints(context);
        assertThat(endpoints).extracting(RequestBodyFuzz.Endpoint::toString)
                .contains("POST /api/v1/publications", "PUT /api/v1/business-clock");
        Map<String, String> path = Map.of("bankCode", "FUZZ-SH", "uscc", FIRM, "claimId", "LYD:FUZZ-SH:no-such-approval",
                "id", "999999999", "year", "2199");
        List<String> callers = List.of(TOKENS.token("OFFICER"), TOKENS.token("APPROVER"), TOKENS.firmToken(FIRM),
                TOKENS.bankToken("FUZZ-SH"), TOKENS.token("AUDITOR"));
        Optional<LocalDate> businessDate = businessClock.setDate();
        List<String> failures = new ArrayList<>();
        try {
            for (RequestBodyFuzz.Endpoint endpoint : endpoints) {
                failures.addAll(RequestBodyFuzz.fuzz("http://localhost:" + port, endpoint, path, callers, 20261202L));
            }
        } finally {
            businessDate.ifPresent(businessClock::set);
        }
        assertThat(failures).isEmpty();
    }
}
