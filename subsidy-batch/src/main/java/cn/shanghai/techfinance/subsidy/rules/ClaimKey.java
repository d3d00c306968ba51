package cn.shanghai.techfinance.subsidy.rules;

import java.util.Comparator;
import java.util.Objects;

/** What identifies a claim: LYD one per approval (批复), HKZD one per interest instalment. */
public sealed interface ClaimKey {

    /**
     * bankCode, then approvalNo (LYD) or contractNo and installmentNo (HKZD); strings compare by
     * {@link String#compareTo}, not by a database collation. The programmes never share a cap, so
     * LYD keys simply come first.
     */
    Comparator<ClaimKey> ORDER = Comparator.comparing(ClaimKey::program)
            .thenComparing(ClaimKey::bankCode)
            .thenComparing(ClaimKey::number)
            .thenComparingInt(key -> key instanceof Hkzd hkzd ? hkzd.installmentNo() : 0);

    Program program();

    String bankCode();

    /** The approvalNo (LYD) or the contractNo (HKZD). */
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
}
