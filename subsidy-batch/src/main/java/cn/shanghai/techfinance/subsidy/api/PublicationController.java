package cn.shanghai.techfinance.subsidy.api;

import cn.shanghai.techfinance.contracts.claims.ClaimEvent;
import cn.shanghai.techfinance.security.Caller;
import cn.shanghai.techfinance.subsidy.documents.PublicationList;
import cn.shanghai.techfinance.subsidy.documents.PublicationListCsv;
import cn.shanghai.techfinance.subsidy.documents.PublicationListXlsx;
import cn.shanghai.techfinance.subsidy.publication.Publication;
import cn.shanghai.techfinance.subsidy.publication.PublicationEntry;
import cn.shanghai.techfinance.subsidy.publication.Publications;
import cn.shanghai.techfinance.subsidy.rules.Program;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Publication lists (公示名单): an officer publishes a programme's claims of a period; officers and
 * auditors read the lists and download them in full; every role downloads the public notice (USCCs masked).
 */
@RestController
@RequestMapping("/api/v1/publications")
@Tag(name = "publications", description = "Publication (公示) of computed claims as numbered lists")
public class PublicationController {

    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final Publications publications;

    public PublicationController(Publications publications) {
        this.publications = publications;
    }

    /** program: LYD_PREMIUM, HKZD_INTEREST or TECH_INSURANCE_PREMIUM; from, to: the trigger dates' period, inclusive (YYYY-MM-DD). */
    public record PublicationRequest(String program, String from, String to) {
    }

    public record PublicationView(long id, String number, String program, LocalDate from, LocalDate to, LocalDate publishedOn,
                                  LocalDate confirmBy, int count, BigDecimal total) {

        static PublicationView of(Publication p) {
            return new PublicationView(p.id(), p.number(), p.program().name(), p.from(), p.to(), p.publishedOn(), p.confirmBy(),
                    p.count(), p.total());
        }
    }

    /** A list with its claims as posted (full USCC: this view is for officers and auditors). */
    public record PublicationDetail(long id, String number, String program, LocalDate from, LocalDate to, LocalDate publishedOn,
                                    LocalDate confirmBy, int count, BigDecimal total, String publishedBy,
                                    List<PublicationEntry> claims) {
    }

    @PostMapping
    @Operation(summary = "Publish a programme's computed claims of a period as one numbered list",
            description = "Every COMPUTED claim of the programme whose trigger date is in [from, to] and whose amount is above 0.00 "
                    + "becomes PUBLISHED, with publishedOn = today's business date and confirmBy = the 3rd working day after it, "
                    + "on one list numbered <PROGRAM>-<year>-<nnn>. Claims already published are not published again: a period "
                    + "published twice takes only what is new. 201 with the list; 409 when nothing is new, or when the deadline "
                    + "falls in a year whose working-day calendar is not loaded (nothing is published then); 400 for a bad "
                    + "programme or period.")
    public ResponseEntity<PublicationView> publish(@RequestBody PublicationRequest body) {
        ClaimEvent.Program program = program(body.program());
        LocalDate from = date("from", body.from());
        LocalDate to = date("to", body.to());
        if (from.isAfter(to)) {
            throw badRequest("'from' (" + from + ") is after 'to' (" + to + ")");
        }
        Publication published = publications.publish(program, from, to, Actors.userOf(Caller.current()));
        return ResponseEntity.created(URI.create("/api/v1/publications/" + published.id())).body(PublicationView.of(published));
    }

    @GetMapping
    @Operation(summary = "Every publication list, the newest first")
    public List<PublicationView> all() {
        return publications.all().stream().map(PublicationView::of).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "A publication list with its claims", description = "404 when there is no such list.")
    public PublicationDetail one(@PathVariable long id) {
        Publication p = list(id);
        return new PublicationDetail(p.id(), p.number(), p.program().name(), p.from(), p.to(), p.publishedOn(), p.confirmBy(),
                p.count(), p.total(), p.publishedBy(), publications.entries(id));
    }

    @GetMapping("/{id}/list.csv")
    @Operation(summary = "The list as CSV, USCCs in full (officers, auditors)",
            description = "UTF-8 with a byte order mark: the particulars (number, programme, period, publication date, deadline), "
                    + "then 序号,企业名称,统一社会信用代码,贷款银行,补贴金额（元） per claim, then 合计 with the count and total.")
    public ResponseEntity<byte[]> listCsv(@PathVariable long id) {
        return csv(id, PublicationList.Edition.FULL, "list");
    }

    @GetMapping("/{id}/list.xlsx")
    @Operation(summary = "The list as a spreadsheet formatted like the posted notice, USCCs in full (officers, auditors)")
    public ResponseEntity<byte[]> listXlsx(@PathVariable long id) {
        return xlsx(id, PublicationList.Edition.FULL, "list");
    }

    @GetMapping("/{id}/notice.csv")
    @Operation(summary = "The public notice (公示) as CSV: USCCs masked but for their first 6 and last 4 characters")
    public ResponseEntity<byte[]> noticeCsv(@PathVariable long id) {
        return csv(id, PublicationList.Edition.PUBLIC, "notice");
    }

    @GetMapping("/{id}/notice.xlsx")
    @Operation(summary = "The public notice (公示) as a spreadsheet: USCCs masked but for their first 6 and last 4 characters")
    public ResponseEntity<byte[]> noticeXlsx(@PathVariable long id) {
        return xlsx(id, PublicationList.Edition.PUBLIC, "notice");
    }

    private ResponseEntity<byte[]> csv(long id, PublicationList.Edition edition, String name) {
        PublicationList list = document(id);
        return file(PublicationListCsv.write(list, edition).getBytes(StandardCharsets.UTF_8), CSV, list.number() + "-" + name + ".csv");
    }

    private ResponseEntity<byte[]> xlsx(long id, PublicationList.Edition edition, String name) {
        PublicationList list = document(id);
        return file(PublicationListXlsx.write(list, edition), XLSX, list.number() + "-" + name + ".xlsx");
    }

    private static ResponseEntity<byte[]> file(byte[] content, MediaType type, String filename) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
                .body(content);
    }

    /** The list as its documents show it: the claims as posted, the bank by its code. */
    private PublicationList document(long id) {
        Publication p = list(id);
        return new PublicationList(p.number(), p.program(), p.from(), p.to(), p.publishedOn(), p.confirmBy(),
                publications.entries(id).stream()
                        .map(e -> new PublicationList.Entry(e.firmName(), e.uscc(), e.bankCode(), e.amount())).toList());
    }

    private Publication list(long id) {
        return publications.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no publication " + id));
    }

    private static ClaimEvent.Program program(String value) {
        if (value == null || value.isBlank()) {
            throw badRequest("'program' is missing: " + Program.publicNames());
        }
        for (ClaimEvent.Program program : ClaimEvent.Program.values()) {
            if (program.name().equals(value)) {
                return program;
            }
        }
        throw badRequest("'program' must be " + Program.publicNames() + ", not '" + echo(value) + "'");
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            throw badRequest("'" + field + "' is missing (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw badRequest("'" + field + "' must be a date (YYYY-MM-DD), not '" + echo(value) + "'");
        }
    }

    private static String echo(String value) {
        return value.length() > 32 ? value.substring(0, 32) + "…" : value;
    }

    private static ResponseStatusException badRequest(String detail) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
    }
}
