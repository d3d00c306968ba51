package cn.shanghai.techfinance.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.security.RequestBodyFuzz;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Hostile request bodies ({@link RequestBodyFuzz}) on every endpoint of the notifier's API that
 * reads one, found in the running context (today a bank's webhook and a firm's contact), each as a
 * caller the endpoint lets reach the body: a 4xx problem, never a server error or the service's
 * insides. The bank and the firm are the fuzz's own, so what a valid mutation registers touches no
 * other test's data.
 */
class RequestBodyFuzzTest extends NotifierIntegrationTest {

    private static final String BANK = "FUZZ-SH";
    private static final String INSURER = "FUZZ-INS";
    private static final String FIRM = TestData.uscc(9_990_123);

    @Autowired
    ApplicationContext context;

    @Test
    void everyEndpointThatReadsABodyAnswersHostileBodiesWithAProblemAndNeverAServerError() {
        List<RequestBodyFuzz.Endpoint> endpoints = RequestBodyFuzz.endpoints(context);
        assertThat(endpoints).extracting(RequestBodyFuzz.Endpoint::toString)
                .contains("PUT /api/v1/banks/{bankCode}/webhook", "PUT /api/v1/insurers/{insurerCode}/webhook",
                        "PUT /api/v1/firms/{uscc}/contact");
        List<String> failures = new ArrayList<>();
        for (RequestBodyFuzz.Endpoint endpoint : endpoints) {
            failures.addAll(RequestBodyFuzz.fuzz("http://localhost:" + port, endpoint, Map.of("bankCode", BANK, "insurerCode", INSURER,
                    "uscc", FIRM), List.of(TOKENS.bankToken(BANK), TOKENS.insurerToken(INSURER), TOKENS.firmToken(FIRM), TOKENS.token("OFFICER")),
                    20261202L));
        }
        assertThat(failures).isEmpty();
    }
}
