package cn.shanghai.techfinance.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import cn.shanghai.techfinance.contracts.claims.ClaimEvent.Status;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Firms are emailed (real SMTP server: GreenMail), in Chinese with an English part, when their
 * claim is computed, published (with the confirmation deadline), forfeited, paid or to be paid
 * back; about nothing else; once each; and, if they had no address yet, as soon as they register one.
 */
class FirmEmailTest extends NotifierIntegrationTest {

    private static final String BANK = "MAIL-SH";

    @Test
    void aFirmIsToldOfEachNoticeOnceAndOfNothingElse() throws Exception {
        String uscc = TestData.uscc(301);
        String address = "finance@firm301.test";
        assertThat(registerContact(uscc, address).getStatusCode().value()).isEqualTo(200);

        publish(TestData.lydClaim(BANK, uscc, "P-M1", 1, Status.COMPUTED),
                TestData.lydClaim(BANK, uscc, "P-M1", 2, Status.PUBLISHED),
                TestData.lydClaim(BANK, uscc, "P-M1", 3, Status.CONFIRMED),
                TestData.lydClaim(BANK, uscc, "P-M1", 4, Status.PAID),
                TestData.lydClaim(BANK, uscc, "P-M1", 5, Status.CLAWBACK_DUE),
                TestData.lydClaim(BANK, uscc, "P-M1", 6, Status.RECOVERED),
                TestData.lydClaim(BANK, uscc, "P-M2", 1, Status.INELIGIBLE),
                TestData.hkzdClaim(BANK, uscc, "C-M3", 4, 3, Status.FORFEITED),
                TestData.hkzdClaim(BANK, uscc, "C-M4", 1, 2, Status.CANCELLED));

        String m1 = TestData.lydClaimId(BANK, "P-M1");
        String m3 = TestData.hkzdClaimId(BANK, "C-M3", 4);
        List<Row> rows = awaitSettled(uscc, 5);
        assertThat(rows).extracting(Row::channel, Row::status, Row::attempts).containsOnly(
                tuple("EMAIL", "DELIVERED", 1));
        assertThat(rows).extracting(Row::eventId).containsExactlyInAnyOrder(
                "claim/" + m1 + "@1", "claim/" + m1 + "@2", "claim/" + m1 + "@4", "claim/" + m1 + "@5", "claim/" + m3 + "@3");
        List<MimeMessage> mails = mailsTo(address);
        assertThat(mails).as("one mail per notice, nothing else").hasSize(5);
        Map<String, MimeMessage> bySubject = mails.stream().collect(Collectors.toMap(FirmEmailTest::subject, Function.identity()));

        MimeMessage published = only(bySubject, "补贴公示，请确认 / Subsidy published, please confirm：P-M1");
        assertThat(text(published))
                .contains("尊敬的企业（统一社会信用代码 " + uscc + "）")
                .contains("请于 2026-03-20（含当日）前登录系统确认补贴及收款账户")
                .contains("确认截止日：2026-03-20")
                .contains("补贴项目：科技履约贷保费补贴")
                .contains("补贴金额：22500.00 元")
                .contains("---------------- English ----------------")
                .contains("Please confirm it and your payee account by 2026-03-20 (inclusive)")
                .contains("Confirm by: 2026-03-20")
                .contains("Amount: CNY 22500.00");
        assertThat(((InternetAddress) published.getFrom()[0]).getAddress()).isEqualTo("noreply@techfinance.test");
        assertThat(((InternetAddress) published.getFrom()[0]).getPersonal()).isEqualTo("上海科技金融补贴");
        assertThat(published.getMessageID()).matches("<[0-9a-f-]{36}@notifier\\.techfinance>");

        assertThat(text(only(bySubject, "补贴已核算 / Subsidy computed：P-M1")))
                .contains("已核算完成").contains("has been computed").doesNotContain("确认截止日");
        assertThat(text(only(bySubject, "补贴已拨付 / Subsidy paid：P-M1")))
                .contains("贵企业的补贴 22500.00 元已拨付").contains("Your subsidy of CNY 22500.00 has been paid.");
        assertThat(text(only(bySubject, "补贴需退回 / Subsidy to be returned：P-M1")))
                .contains("已拨付的补贴 22500.00 元需予以退回").contains("must be returned");
        assertThat(text(only(bySubject, "补贴申领已失效 / Subsidy claim forfeited：C-M3 第 4 期")))
                .contains("已视为放弃").contains("has been forfeited")
                .contains("补贴项目：沪科专贷贴息").contains("贷款合同：C-M3 第 4 期").contains("Loan contract: C-M3, instalment 4");
    }

    @Test
    void noticesWaitForAFirmWithoutAnAddressAndGoOutOnceItRegisters() {
        String uscc = TestData.uscc(302);
        String address = "cfo@firm302.test";
        publish(TestData.lydClaim(BANK, uscc, "P-M5", 2, Status.PUBLISHED));

        List<Row> waiting = awaitSettled(uscc, 1);
        assertThat(waiting).extracting(Row::status, Row::attempts)
                .containsExactly(tuple("NO_CONTACT", 0));

        assertThat(registerContact(uscc, address).getStatusCode().value()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).until(() -> ledgerRows(uscc).get(0).status().equals("DELIVERED"));
        assertThat(mailsTo(address)).hasSize(1);
        assertThat(api().get().uri("/api/v1/firms/{uscc}/contact", uscc).retrieve().body(String.class))
                .contains("\"email\":\"" + address + "\"");
    }

    @Test
    void contactRegistrationsAreChecked() {
        assertThat(registerContact("91310115MA0000000X", "a@b.test").getStatusCode().value()).as("check character").isEqualTo(400);
        assertThat(registerContact(TestData.uscc(303), "not an address").getStatusCode().value()).isEqualTo(400);
        assertThat(registerContact(TestData.uscc(303), "Someone <a@b.test>").getStatusCode().value()).as("bare address")
                .isEqualTo(400);
        assertThat(api().get().uri("/api/v1/firms/{uscc}/contact", TestData.uscc(303)).retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(404);
    }

    private static MimeMessage only(Map<String, MimeMessage> bySubject, String subjectEnd) {
        String subject = "【上海科技金融补贴】" + subjectEnd;
        assertThat(bySubject).containsKey(subject);
        return bySubject.get(subject);
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(MimeMessage mail) throws MessagingException, IOException {
        assertThat(mail.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        return (String) mail.getContent();
    }
}
