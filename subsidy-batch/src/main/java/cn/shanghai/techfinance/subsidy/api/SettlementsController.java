package cn.shanghai.techfinance.subsidy.api;

import cn.shanghai.techfinance.security.Caller;
import cn.shanghai.techfinance.subsidy.documents.PaymentsCsv;
import cn.shanghai.techfinance.subsidy.lifecycle.BusinessClock;
import cn.shanghai.techfinance.subsidy.rules.Program;
import cn.shanghai.techfinance.subsidy.settlement.ClaimOutcome;
import cn.shanghai.techfinance.subsidy.settlement.PaymentFiles;
import cn.shanghai.techfinance.subsidy.settlement.ReconciliationFile;
import cn.shanghai.techfinance.subsidy.settlement.SettlementPreparations;
import cn.shanghai.techfinance.subsidy.settlement.SettlementState;
import cn.shanghai.techfinance.subsidy.settlement.SettlementStore;
import cn.shanghai.techfinance.subsidy.settlement.SettlementStore.HeldClaim;
import cn.shanghai.techfinance.subsidy.settlement.SettlementStore.Settlement;
import cn.shanghai.techfinance.subsidy.settlement.Settlements;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Settlement runs (结算), maker–checker: an officer prepares one (its claims reserved on the
 * budget, its payment instructions built by a batch job), a second person approves it (its claims
 * PAID) and its payment file goes to the bank, the officer posts the bank's results (reconciliation).
 */
@RestController
@RequestMapping("/api/v1/settlements")
@Tag(name = "settlements", description = "Settlement runs: preparation, approval (maker–checker), reconciliation")
public class SettlementsController {

    /** How long a preparation request waits for the job before answering 202 to poll. */
    private static final Duration PREPARATION_PATIENCE = Duration.ofSeconds(5);

    private final Settlements settlements;
    private final SettlementStore store;
    private final SettlementPreparations preparations;
    private final PaymentFiles paymentFiles;
    private final BusinessClock businessClock;

    public SettlementsController(Settlements settlements, SettlementStore store, SettlementPreparations preparations,
                                 PaymentFiles paymentFiles, BusinessClock businessClock) {
        this.settlements = settlements;
        this.store = store;
        this.preparations = preparations;
        this.paymentFiles = paymentFiles;
        this.businessClock = businessClock;
    }

    public record SettlementRequest(String program, LocalDate from, LocalDate to) {
    }

    public record SettlementView(long id, String program, LocalDate from, LocalDate to, SettlementState state, String preparedBy,
                                 LocalDate preparedOn, String approvedBy, LocalDate approvedOn, LocalDate reconciledOn, int count,
                                 BigDecimal total, BigDecimal controlTotal, List<InstructionView> instructions, LeftOut leftOut,
                                 int budgetYear) {
    }

    /** status: null until reconciled, then PAID or FAILED. */
    public record InstructionView(String id, String payeeUscc, String payeeName, String payeeAccount, String payeeBank,
                                  BigDecimal amount, int claimCount, List<String> claimIds, String status, String bankReference,
                                  LocalDate paidOn) {
    }

    public record LeftOut(int count, BigDecimal total, List<String> claimIds) {
    }

    public record ReconciliationView(SettlementView settlement, List<String> paid, List<String> failed, List<String> unmatched,
                                     List<String> unknown) {
    }

    @PostMapping
    @Operation(summary = "Prepare a settlement of a programme's confirmed claims triggered in a period",
            description = "Takes every CONFIRMED claim of the programme (LYD_PREMIUM, HKZD_INTEREST) whose trigger date is in "
                    + "[from, to] and that no open settlement holds, reserves their total on the budget of this business year, and "
                    + "builds one payment instruction per firm and payee account (S<id>-<nnnnn>). 201 with the settlement once "
                    + "PREPARED, or 202 while its job still runs (poll the Location). 409 when there is nothing to settle or the "
                    + "total exceeds the budget left (the message says how much is left); nothing is reserved then.")
    public ResponseEntity<SettlementView> prepare(@RequestBody SettlementRequest body) {
        if (body == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a body {\"program\",\"from\",\"to\"} is required");
        }
        Program program = Program.ofPublicName(body.program()).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
                "'program' must be " + Program.publicNames()));
        if (body.from() == null || body.to() == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'from' and 'to' are required (YYYY-MM-DD)");
        }
        if (body.from().isAfter(body.to())) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'from' (" + body.from() + ") is after 'to' (" + body.to() + ")");
        }
        long id = settlements.reserve(program, body.from(), body.to(), Actors.userOf(Caller.current()), businessClock.today());
        return prepared(id, true);
    }

    @PostMapping("/{id}/preparation")
    @Operation(summary = "Run a settlement's preparation again after its job failed",
            description = "Restarts the preparation job where it stopped (instructions already built stay as they are). 200 with "
                    + "the settlement once PREPARED (at once when it already was), 202 while the job still runs.")
    public ResponseEntity<SettlementView> resumePreparation(@PathVariable long id) {
        if (settlements.settlement(id).state() != SettlementState.PREPARING) {
            return ResponseEntity.ok(view(settlements.settlement(id)));
        }
        return prepared(id, false);
    }

    /** Runs the preparation job, waiting a little: 202 while it runs, else 201 for a new settlement or 200 for a resumed one. */
    private ResponseEntity<SettlementView> prepared(long id, boolean created) {
        preparations.awaitEnd(preparations.launch(id), PREPARATION_PATIENCE);
        SettlementView view = view(settlements.settlement(id));
        URI location = URI.create("/api/v1/settlements/" + id);
        if (view.state() == SettlementState.PREPARING) {
            return ResponseEntity.accepted().location(location).body(view);
        }
        return created ? ResponseEntity.created(location).body(view) : ResponseEntity.ok().location(location).body(view);
    }

    @GetMapping
    @Operation(summary = "Every settlement, in order of preparation")
    public List<SettlementView> all() {
        return store.all().stream().map(this::view).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "A settlement: its state, who prepared and approved it, its instructions and totals",
            description = "count and total are as approved once approved (as prepared before); leftOut: the claims no longer "
                    + "CONFIRMED at approval, which it did not pay; controlTotal: the sum of its instructions' amounts.")
    public SettlementView one(@PathVariable long id) {
        return view(settlements.settlement(id));
    }

    @PostMapping("/{id}/approval")
    @Operation(summary = "Approve a prepared settlement (复核): its confirmed claims become PAID",
            description = "By an APPROVER who did not prepare it (403 for its preparer, whatever roles they hold). A claim no "
                    + "longer CONFIRMED (cancelled meanwhile) is left out and its instruction shrinks. Approving again answers 200 "
                    + "with the settlement unchanged; a settlement still being prepared: 409.")
    public SettlementView approve(@PathVariable long id) {
        return view(settlements.approve(id, Actors.userOf(Caller.current()), businessClock.today()));
    }

    @GetMapping(value = "/{id}/payments.csv", produces = "text/csv;charset=UTF-8")
    @Operation(summary = "An approved settlement's payment file (付款文件)",
            description = "Columns: " + PaymentsCsv.HEADER + "; claim ids joined by ';'; then the trailer TOTAL,<count>,<control "
                    + "total>. 409 before approval.")
    public ResponseEntity<String> paymentsCsv(@PathVariable long id) {
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"settlement-" + id + "-payments.csv\"")
                .body(paymentFiles.paymentsCsv(id));
    }

    @GetMapping(value = "/{id}/pain.001.xml", produces = "application/xml;charset=UTF-8")
    @Operation(summary = "An approved settlement as an ISO 20022 pain.001.001.09 credit transfer initiation in CNY",
            description = "From the city's paying account; one transaction per instruction; NbOfTxs and CtrlSum are the payment "
                    + "file's count and control total. 409 before approval.")
    public ResponseEntity<byte[]> pain001(@PathVariable long id) {
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"settlement-" + id + "-pain.001.xml\"")
                .body(paymentFiles.pain001(id));
    }

    @PostMapping(value = "/{id}/reconciliation", consumes = "text/csv")
    @Operation(summary = "Post the bank's payment results (对账) of an approved settlement",
            description = "text/csv, header " + ReconciliationFile.HEADER + ": status PAID or FAILED, paid_on an ISO date (required "
                    + "when PAID). A failed instruction, and every instruction the file does not name (unmatched), returns its "
                    + "claims to CONFIRMED for a later settlement; lines naming no instruction of this settlement are listed as "
                    + "unknown. The settlement becomes RECONCILED. 409 unless APPROVED; 400 for a malformed file (line and field "
                    + "named), nothing changed.")
    public ReconciliationView reconcile(@PathVariable long id, @RequestBody(required = false) String csv) {
        List<ReconciliationFile.Line> lines = ReconciliationFile.parse(csv);
        Settlements.Reconciliation done = settlements.reconcile(id, lines, Actors.userOf(Caller.current()), businessClock.today());
        return new ReconciliationView(view(done.settlement()), done.paid(), done.failed(), done.unmatched(), done.unknown());
    }

    private SettlementView view(Settlement s) {
        List<HeldClaim> held = store.claims(s.id());
        Map<String, List<String>> claimsByInstruction = held.stream()
                .filter(c -> c.outcome() != ClaimOutcome.LEFT_OUT && c.instructionId() != null)
                .collect(Collectors.groupingBy(HeldClaim::instructionId, Collectors.mapping(HeldClaim::claimId, Collectors.toList())));
        List<InstructionView> instructions = store.instructions(s.id()).stream()
                .map(i -> new InstructionView(i.id(), i.payeeUscc(), i.payeeName(), i.payeeAccount(), i.payeeBank(), i.amount(),
                        i.claimCount(), claimsByInstruction.getOrDefault(i.id(), List.of()), i.status(), i.bankReference(), i.paidOn()))
                .toList();
        List<HeldClaim> leftOut = held.stream().filter(c -> c.outcome() == ClaimOutcome.LEFT_OUT).toList();
        BigDecimal controlTotal = instructions.stream().map(InstructionView::amount).reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2);
        return new SettlementView(s.id(), s.program().publicName(), s.from(), s.to(), s.state(), s.preparedBy(), s.preparedOn(),
                s.approvedBy(), s.approvedOn(), s.reconciledOn(), s.claimCount(), s.total(), controlTotal, instructions,
                new LeftOut(leftOut.size(), leftOut.stream().map(HeldClaim::amount).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2),
                        leftOut.stream().map(HeldClaim::claimId).toList()), s.budgetYear());
    }
}
