package cn.shanghai.techfinance.intake;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.security.RequestBodyFuzz;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Hostile request bodies ({@link RequestBodyFuzz}) on every endpoint of intake's API that reads one,
 * found in the running context: today intake's API only answers GETs, so there is none, and the
 * first endpoint that takes a body is fuzzed here with nothing to add.
 */
class RequestBodyFuzzTest extends IntakeIntegrationTest {

    @Autowired
    ApplicationContext context;

    @Test
    void everyEndpointThatReadsABodyAnswersHostileBodiesWithAProblemAndNeverAServerError() {
        // the enumeration sees intake's API (else finding no body endpoint would prove nothing)
        assertThat(context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class).getHandlerMethods().keySet())
                .anySatisfy(info -> assertThat(info.getPatternValues()).contains("/api/v1/events/bank/{bankCode}/{id}"));
        List<String> failures = new ArrayList<>();
        for (RequestBodyFuzz.Endpoint endpoint : RequestBodyFuzz.endpoints(context)) {
            failures.addAll(RequestBodyFuzz.fuzz("http://localhost:" + port, endpoint, Map.of("bankCode", "FUZZ-SH"),
                    List.of(TOKENS.bankToken("FUZZ-SH"), TOKENS.token("OFFICER"), TOKENS.token("AUDITOR")), 20261202L));
        }
        assertThat(failures).isEmpty();
    }
}
