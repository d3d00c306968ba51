package cn.shanghai.techfinance.subsidy.rules.hkzd;

import cn.shanghai.techfinance.subsidy.rules.FirmFixture;
import cn.shanghai.techfinance.subsidy.rules.Program;
import cn.shanghai.techfinance.subsidy.rules.firm.DishonestyListing;
import cn.shanghai.techfinance.subsidy.rules.firm.FirmSnapshot;
import cn.shanghai.techfinance.subsidy.rules.loan.InterestInstalment;
import cn.shanghai.techfinance.subsidy.rules.loan.LoanApplication;
import cn.shanghai.techfinance.subsidy.rules.loan.LoanContract;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the facts of interest instalments of one 沪科专贷 contract; by default an HNTE firm, not
 * a first loan, 3.45 % against an LPR of 3.10 % (not capped), disbursed 2025-06-01.
 */
public final class HkzdScenario {

    private String bankCode = "ICBC-SH";
    private String contractNo = "C-101";
    private FirmSnapshot firm = FirmFixture.highTechFirm().build();
    private boolean firstLoan;
    private BigDecimal annualRate = new BigDecimal("0.0345");
    private BigDecimal lpr1y = new BigDecimal("0.0310");
    private LocalDate disbursedOn = LocalDate.of(2025, 6, 1);
    private LocalDate defaultedOn;
    private final List<DishonestyListing> listings = new ArrayList<>();

    public static HkzdScenario contract(String bankCode, String contractNo) {
        HkzdScenario scenario = new HkzdScenario();
        scenario.bankCode = bankCode;
        scenario.contractNo = contractNo;
        return scenario;
    }

    public static HkzdScenario loan() {
        return new HkzdScenario();
    }

    public HkzdScenario firm(FirmSnapshot firm) {
        this.firm = firm;
        return this;
    }

    public HkzdScenario firm(FirmFixture firm) {
        return firm(firm.build());
    }

    public HkzdScenario firstLoan() {
        this.firstLoan = true;
        return this;
    }

    public HkzdScenario rates(String annualRate, String lpr1y) {
        this.annualRate = new BigDecimal(annualRate);
        this.lpr1y = new BigDecimal(lpr1y);
        return this;
    }

    public HkzdScenario disbursedOn(LocalDate disbursedOn) {
        this.disbursedOn = disbursedOn;
        return this;
    }

    public HkzdScenario defaultedOn(LocalDate defaultedOn) {
        this.defaultedOn = defaultedOn;
        return this;
    }

    public HkzdScenario dishonestyListed(LocalDate listedOn, LocalDate clearedOn) {
        listings.add(new DishonestyListing(listedOn, clearedOn));
        return this;
    }

    public HkzdClaimFacts paid(int installmentNo, String interest, LocalDate dueOn, LocalDate paidOn) {
        LoanContract contract = new LoanContract(
                contractNo,
                "P-" + contractNo,
                new BigDecimal("5000000.00"),
                annualRate,
                lpr1y,
                disbursedOn,
                disbursedOn.plusYears(3),
                null,
                null,
                false,
                defaultedOn);
        return new HkzdClaimFacts(
                new LoanApplication(bankCode, "A-" + contractNo, Program.HKZD, firstLoan, firm),
                contract,
                new InterestInstalment(contractNo, installmentNo, new BigDecimal(interest), dueOn, paidOn),
                listings);
    }

    public HkzdClaimFacts paidOnTime(int installmentNo, String interest, LocalDate paidOn) {
        return paid(installmentNo, interest, paidOn, paidOn);
    }
}
