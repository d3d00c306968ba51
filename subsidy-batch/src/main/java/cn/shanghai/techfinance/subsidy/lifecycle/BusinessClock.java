package cn.shanghai.techfinance.subsidy.lifecycle;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The business date (Asia/Shanghai) every date of the claim lifecycle comes from: publication,
 * confirmation deadlines, forfeiture, settlement and reconciliation dates, the audit trail's
 * business date. Instants (token expiry, signatures, timestamps) stay on the wall clock.
 *
 * <p>In simulation mode ({@code subsidy.business-clock.simulation=true}: the local run's replay and
 * the tests) the date can be set, so that a rehearsal plays a year of operations in minutes. The
 * mode is refused at start-up when a real token issuer is configured: production's business date is
 * always today's.
 */
@Component
public class BusinessClock {

    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private final Clock wallClock;
    private final boolean simulation;
    private final AtomicReference<LocalDate> setDate = new AtomicReference<>();

    public BusinessClock(Clock wallClock, @Value("${subsidy.business-clock.simulation:false}") boolean simulation,
                         @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuerUri) {
        if (simulation && !issuerUri.isBlank()) {
            throw new IllegalStateException("subsidy.business-clock.simulation is for the local run and tests only; it is refused"
                    + " with a real token issuer (" + issuerUri + ")");
        }
        this.wallClock = wallClock;
        this.simulation = simulation;
    }

    /** Today's business date: the date set in simulation mode, else today in Shanghai. */
    public LocalDate today() {
        LocalDate set = setDate.get();
        return set != null ? set : LocalDate.now(wallClock.withZone(SHANGHAI));
    }

    public boolean isSimulation() {
        return simulation;
    }

    /** Sets the business date (simulation mode only); it then stays until set again. */
    public void set(LocalDate date) {
        if (!simulation) {
            throw new IllegalStateException("the business date can only be set in simulation mode");
        }
        setDate.set(date);
    }

    /** The date set in simulation mode, if one was. */
    public Optional<LocalDate> setDate() {
        return Optional.ofNullable(setDate.get());
    }
}
