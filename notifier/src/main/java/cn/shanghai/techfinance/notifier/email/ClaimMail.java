package cn.shanghai.techfinance.notifier.email;

import cn.shanghai.techfinance.contracts.claims.ClaimEvent.Program;
import cn.shanghai.techfinance.contracts.claims.ClaimEvent.Status;
import cn.shanghai.techfinance.contracts.results.ClaimChanged;
import java.util.EnumMap;
import java.util.Map;

/**
 * The notice a firm gets when its claim changes: Chinese first, then the same in English. Firms are
 * told when a claim is computed, published (with the day by which to confirm), forfeited, paid,
 * or has to be paid back; the other changes concern the bank and the officers only.
 */
public record ClaimMail(String subject, String text) {

    private static final Map<Status, Wording> WORDING = new EnumMap<>(Map.of(
            Status.COMPUTED, new Wording("补贴已核算", "Subsidy computed",
                    "贵企业的补贴申领已核算完成，将按规定公示。公示后请在确认期限内确认，逾期未确认视为放弃。",
                    "Your subsidy claim has been computed and will be published. Once it is published, please confirm it "
                            + "within the confirmation period, or it will be forfeited."),
            Status.PUBLISHED, new Wording("补贴公示，请确认", "Subsidy published, please confirm",
                    "贵企业的补贴申领已公示。请于 %2$s（含当日）前登录系统确认补贴及收款账户，逾期未确认视为放弃。",
                    "Your subsidy claim has been published. Please confirm it and your payee account by %2$s (inclusive), "
                            + "or it will be forfeited."),
            Status.FORFEITED, new Wording("补贴申领已失效", "Subsidy claim forfeited",
                    "贵企业的补贴申领未在确认期限内确认，已视为放弃。",
                    "Your subsidy claim was not confirmed within the confirmation period and has been forfeited."),
            Status.PAID, new Wording("补贴已拨付", "Subsidy paid",
                    "贵企业的补贴 %1$s 元已拨付，请注意查收。",
                    "Your subsidy of CNY %1$s has been paid."),
            Status.CLAWBACK_DUE, new Wording("补贴需退回", "Subsidy to be returned",
                    "因相关保单已退保，已拨付的补贴 %1$s 元需予以退回，具体事宜将另行通知。",
                    "As the insurance policy has been cancelled, the subsidy of CNY %1$s already paid must be returned; "
                            + "you will be told how.")));

    /** Whether a firm is told about a claim in this state. */
    public static boolean isNotice(Status status) {
        return WORDING.containsKey(status);
    }

    public static ClaimMail of(ClaimChanged claim) {
        Wording wording = WORDING.get(claim.status());
        if (wording == null) {
            throw new IllegalArgumentException("firms are not told about " + claim.status() + " claims");
        }
        String amount = claim.amount().toPlainString();
        String deadline = claim.confirmationDeadline() == null ? "" : claim.confirmationDeadline().toString();
        String loan = switch (claim.program()) {
            case HKZD_INTEREST -> "贷款合同：" + claim.contractNo() + " 第 " + claim.installmentNo() + " 期";
            case LYD_PREMIUM -> "贷款批复：" + claim.approvalNo();
            case TECH_INSURANCE_PREMIUM -> "保单号：" + claim.approvalNo();
        };
        String loanEn = switch (claim.program()) {
            case HKZD_INTEREST -> "Loan contract: " + claim.contractNo() + ", instalment " + claim.installmentNo();
            case LYD_PREMIUM -> "Loan approval: " + claim.approvalNo();
            case TECH_INSURANCE_PREMIUM -> "Insurance policy: " + claim.approvalNo();
        };
        String text = """
                尊敬的企业（统一社会信用代码 %s）：

                %s

                申领编号：%s
                补贴项目：%s
                %s
                补贴金额：%s 元%s

                本邮件由系统自动发送，请勿回复。

                ---------------- English ----------------

                Dear firm (USCC %s),

                %s

                Claim: %s
                Programme: %s
                %s
                Amount: CNY %s%s

                This message was sent automatically; please do not reply.
                """.formatted(
                claim.uscc(), wording.zh().formatted(amount, deadline), claim.claimId(), programZh(claim.program()), loan,
                amount, deadline.isEmpty() ? "" : "\n确认截止日：" + deadline,
                claim.uscc(), wording.en().formatted(amount, deadline), claim.claimId(), programEn(claim.program()), loanEn,
                amount, deadline.isEmpty() ? "" : "\nConfirm by: " + deadline);
        // the firm knows its loans by their numbers, not by the claim's id (a UUID): the subject names the loan
        String loanNumber = claim.program() == Program.HKZD_INTEREST
                ? claim.contractNo() + " 第 " + claim.installmentNo() + " 期"
                : claim.approvalNo();
        String subject = "【上海科技金融补贴】" + wording.titleZh() + " / " + wording.titleEn() + "：" + loanNumber;
        return new ClaimMail(subject, text);
    }

    private static String programZh(Program program) {
        return switch (program) {
            case LYD_PREMIUM -> "科技履约贷保费补贴";
            case HKZD_INTEREST -> "沪科专贷贴息";
            case TECH_INSURANCE_PREMIUM -> "科技保险保费补贴";
        };
    }

    private static String programEn(Program program) {
        return switch (program) {
            case LYD_PREMIUM -> "Tech performance loan (科技履约贷) premium subsidy";
            case HKZD_INTEREST -> "Shanghai tech special loan (沪科专贷) interest subsidy";
            case TECH_INSURANCE_PREMIUM -> "Tech insurance (科技保险) premium subsidy";
        };
    }

    private record Wording(String titleZh, String titleEn, String zh, String en) {
    }
}
