package cn.shanghai.techfinance.subsidy.console.officer;

import cn.shanghai.techfinance.security.Caller;
import cn.shanghai.techfinance.security.Role;
import cn.shanghai.techfinance.subsidy.api.SettlementsController.InstructionView;
import cn.shanghai.techfinance.subsidy.api.SettlementsController.SettlementView;
import cn.shanghai.techfinance.subsidy.claims.ClaimRecord;
import cn.shanghai.techfinance.subsidy.claims.ClaimStore;
import cn.shanghai.techfinance.subsidy.lifecycle.BusinessClock;
import cn.shanghai.techfinance.subsidy.settlement.ReconciliationFile;
import cn.shanghai.techfinance.subsidy.settlement.SettlementNotFound;
import cn.shanghai.techfinance.subsidy.settlement.SettlementRefused;
import cn.shanghai.techfinance.subsidy.settlement.Settlements;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The bank's payment results (对账) uploaded as a file on a settlement's page: read whole by
 * {@link ReconciliationFile} (a malformed file changes nothing, and the page names the line and the
 * field), then applied by {@link Settlements#reconcile}, as the API's POST /settlements/{id}/reconciliation
 * does. The page then shows what was paid, what failed and which claims went back to CONFIRMED.
 */
@Controller
class ReconciliationUpload {

    private final Settlements settlements;
    private final SettlementPages pages;
    private final ClaimStore claims;
    private final BusinessClock businessClock;

    ReconciliationUpload(Settlements settlements, SettlementPages pages, ClaimStore claims, BusinessClock businessClock) {
        this.settlements = settlements;
        this.pages = pages;
        this.claims = claims;
        this.businessClock = businessClock;
    }

    /** A line of the file that names no instruction of this settlement. */
    record UnknownLine(int line, String instructionId) {
    }

    /** A claim of a failed or unmatched instruction, and the state it is in now. */
    record ReturnedClaim(String claimId, String instructionId, String status) {
    }

    /** What the bank's file did: instruction ids paid, failed, not named by it (failed too); its unknown lines; the claims returned. */
    record Outcome(List<String> paid, List<String> failed, List<String> unmatched, List<UnknownLine> unknown,
                   List<ReturnedClaim> returned) {
    }

    @PostMapping(SettlementPages.BASE + "/{id}/reconciliation")
    String reconcile(@PathVariable long id, @RequestParam(name = "file", required = false) MultipartFile file, Model model,
                     HttpServletResponse response) {
        if (!Caller.current().has(Role.OFFICER)) {
            return SettlementPages.denied(response);
        }
        try {
            settlements.settlement(id);
        } catch (SettlementNotFound missing) {
            return pages.page(id, model, response);
        }
        if (file == null || file.isEmpty()) {
            return refused(id, "reconciliation.noFile", null, HttpStatus.BAD_REQUEST, model, response);
        }
        List<ReconciliationFile.Line> lines;
        try {
            lines = ReconciliationFile.parse(text(file));
        } catch (ReconciliationFile.Malformed malformed) {
            return refused(id, "reconciliation.malformed", malformed.getMessage(), HttpStatus.BAD_REQUEST, model, response);
        } catch (CharacterCodingException notUtf8) {
            return refused(id, "reconciliation.notUtf8", null, HttpStatus.BAD_REQUEST, model, response);
        } catch (IOException unreadable) {
            return refused(id, "reconciliation.unreadable", unreadable.getMessage(), HttpStatus.BAD_REQUEST, model, response);
        }
        Settlements.Reconciliation done;
        try {
            done = settlements.reconcile(id, lines, Caller.current().user(), businessClock.today());
        } catch (SettlementRefused refused) {
            return refused(id, "reconciliation.refused", refused.getMessage(), HttpStatus.CONFLICT, model, response);
        }
        String view = pages.page(id, model, response);
        model.addAttribute("reconciled", outcome(done, lines, (SettlementView) model.getAttribute("settlement")));
        return view;
    }

    private Outcome outcome(Settlements.Reconciliation done, List<ReconciliationFile.Line> lines, SettlementView settlement) {
        Map<String, Integer> lineOf = lines.stream().collect(Collectors.toMap(ReconciliationFile.Line::instructionId,
                ReconciliationFile.Line::line));
        Map<String, InstructionView> instructions = settlement.instructions().stream()
                .collect(Collectors.toMap(InstructionView::id, Function.identity()));
        List<ReturnedClaim> returned = new ArrayList<>();
        for (String instruction : concat(done.failed(), done.unmatched())) {
            for (String claimId : instructions.get(instruction).claimIds()) {
                String status = claims.find(claimId).map(ClaimRecord::status).map(Enum::name).orElse("");
                returned.add(new ReturnedClaim(claimId, instruction, status));
            }
        }
        return new Outcome(done.paid(), done.failed(), done.unmatched(),
                done.unknown().stream().map(id -> new UnknownLine(lineOf.get(id), id)).toList(), returned);
    }

    private String refused(long id, String refusal, String detail, HttpStatus status, Model model, HttpServletResponse response) {
        model.addAttribute("reconciliationRefusal", refusal);
        model.addAttribute("reconciliationDetail", detail);
        String view = pages.page(id, model, response);
        response.setStatus(status.value());
        return view;
    }

    /** The file as UTF-8 (the bank's files are; a byte order mark is dropped by the reader). */
    private static String text(MultipartFile file) throws IOException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file.getBytes())).toString();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
