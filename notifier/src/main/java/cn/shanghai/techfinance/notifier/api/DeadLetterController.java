package cn.shanghai.techfinance.notifier.api;

import cn.shanghai.techfinance.notifier.consume.DeadLetters;
import cn.shanghai.techfinance.notifier.consume.DeadLetters.DeadLetter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The consumed records the notifier could not turn into deliveries, for the operator (read-only). */
@RestController
@RequestMapping("/api/v1/dead-letters")
@Tag(name = "dead letters", description = "Consumed records kept for the operator instead of delivered")
public class DeadLetterController {

    private static final int MAX_PAGE = 1000;

    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    @Operation(summary = "Dead letters, newest first", description = "Page with beforeId = the last id seen; limit up to 1000")
    public List<DeadLetter> list(@RequestParam(required = false) Long beforeId, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be 1–" + MAX_PAGE);
        }
        return deadLetters.find(beforeId, limit);
    }

    @GetMapping(value = "/{id}/payload", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    @Operation(summary = "The record's value, byte for byte as it was consumed")
    public byte[] payload(@PathVariable long id) {
        return deadLetters.payload(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no dead letter " + id));
    }
}
