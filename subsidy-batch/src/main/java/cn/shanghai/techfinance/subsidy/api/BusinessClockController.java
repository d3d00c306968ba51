package cn.shanghai.techfinance.subsidy.api;

import cn.shanghai.techfinance.subsidy.lifecycle.BusinessClock;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The business date, and in simulation mode (the local run's rehearsals) setting it. Outside
 * simulation mode setting it does not exist: 404, as for any path that is not there.
 */
@RestController
@RequestMapping("/api/v1/business-clock")
@Tag(name = "business-clock", description = "The business date (Asia/Shanghai) of publications, deadlines and settlements")
public class BusinessClockController {

    private final BusinessClock businessClock;

    public BusinessClockController(BusinessClock businessClock) {
        this.businessClock = businessClock;
    }

    public record BusinessDate(LocalDate date, boolean simulation) {
    }

    public record SetBusinessDate(LocalDate date) {
    }

    @GetMapping
    @Operation(summary = "Today's business date, and whether it is simulated")
    public BusinessDate today() {
        return new BusinessDate(businessClock.today(), businessClock.isSimulation());
    }

    @PutMapping
    @Operation(summary = "Set the business date (simulation mode only: the local run's replay)",
            description = "404 outside simulation mode. The date stays until set again; nights are not run by it.")
    public BusinessDate set(@RequestBody SetBusinessDate body) {
        if (!businessClock.isSimulation()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "the business date is today's; it can only be set in the local"
                    + " run's simulation mode");
        }
        if (body == null || body.date() == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'date' is required (YYYY-MM-DD)");
        }
        businessClock.set(body.date());
        return today();
    }
}
