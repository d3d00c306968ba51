package cn.shanghai.techfinance.subsidy.rules;

import java.util.Comparator;
import java.util.Objects;

/**
 * What identifies a claim: LYD one per approval (批复), HKZD one per interest instalment,
 * TECH_INSURANCE one per insurer's policy.
 */
public sealed interface ClaimKey {

    /**
     * bankCode (an insurer's code for TECH_INSURANCE), then approvalNo (LYD), contractNo and
     * installmentNo (HKZD) or policyNo (TECH_INSURANCE); strings compare by
     * {@link String#compareTo}, not by a database collation. The programmes never share a cap, so
     * LYD keys simply come first.
     */
    Comparator<ClaimKey> ORDER = Comparator.comparing(ClaimKey::program)
            .thenComparing(ClaimKey::bankCode)
            .thenComparing(ClaimKey::number)
            .thenComparingInt(key -> key instanceof Hkzd hkzd ? hkzd.installmentNo() : 0);

    Program program();

    /** The bank's code, or the insurer's: bank and insurer codes are one namespace. */
    String bankCode();

    /** The approvalNo (LYD), the contractNo (HKZD) or the policyNo (TECH_INSURANCE). */
    String number();

    record Lyd(String bankCode, String approvalNo) implements ClaimKey {
        public Lyd {
            Objects.requireNonNull(bankCode, "bankCode");
            Objects.requireNonNull(approvalNo, "approvalNo");
        }

        @Override
        public Program program() {
            return Program.LYD;
        }

        @Override
        public String number() {
            return approvalNo;
        }
    }

    record Hkzd(String bankCode, String contractNo, int installmentNo) implements ClaimKey {
        public Hkzd {
            Objects.requireNonNull(bankCode, "bankCode");
            Objects.requireNonNull(contractNo, "contractNo");
            if (installmentNo < 1) {
                throw new IllegalArgumentException("installmentNo must be at least 1");
            }
        }

        @Override
        public Program program() {
            return Program.HKZD;
        }

        @Override
        public String number() {
            return contractNo;
        }
    }

    /** 科技保险: one claim per policy, keyed as the insurer keys it. */
    record TechInsurance(String insurerCode, String policyNo) implements ClaimKey {
        public TechInsurance {
            Objects.requireNonNull(insurerCode, "insurerCode");
            Objects.requireNonNull(policyNo, "policyNo");
        }

        @Override
        public Program program() {
            return Program.TECH_INSURANCE;
        }

        @Override
        public String bankCode() {
            return insurerCode;
        }

        @Override
        public String number() {
            return policyNo;
        }
    }
}
