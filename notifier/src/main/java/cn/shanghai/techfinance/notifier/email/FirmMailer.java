package cn.shanghai.techfinance.notifier.email;

import cn.shanghai.techfinance.contracts.results.ClaimChanged;
import cn.shanghai.techfinance.notifier.delivery.Channel;
import cn.shanghai.techfinance.notifier.delivery.ChannelSender;
import cn.shanghai.techfinance.notifier.delivery.DeliveryRejected;
import cn.shanghai.techfinance.notifier.delivery.DueDelivery;
import cn.shanghai.techfinance.notifier.delivery.EndpointUnavailable;
import cn.shanghai.techfinance.notifier.registration.FirmContacts;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Emails a firm about its claim, over SMTP, to the address it registered. The Message-ID is derived
 * from the delivery (recipient and result id), so that the rare repeat (a crash after the server
 * accepted the mail) is recognisably the same message.
 *
 * <p>A mailbox the server refuses for good (5xx on the recipient) parks the delivery; any other
 * failure is the server being unavailable, and is retried.
 */
@Component
public class FirmMailer implements ChannelSender {

    private static final Session MESSAGES = Session.getInstance(new Properties());

    private final JavaMailSender mail;
    private final FirmContacts contacts;
    private final InternetAddress from;

    public FirmMailer(JavaMailSender mail, FirmContacts contacts, @Value("${notifier.email.from}") String from)
            throws MessagingException {
        this.mail = mail;
        this.contacts = contacts;
        this.from = new InternetAddress(from, true);
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public Optional<OutboundCall> prepare(DueDelivery delivery) {
        if (!(delivery.result().data() instanceof ClaimChanged claim)) {
            throw new DeliveryRejected("firms are emailed about claims only, not " + delivery.eventId());
        }
        ClaimMail notice;
        try {
            notice = ClaimMail.of(claim);
        } catch (IllegalArgumentException e) {
            throw new DeliveryRejected(e.getMessage(), e);
        }
        String messageId = "<" + UUID.nameUUIDFromBytes((delivery.recipient() + "|" + delivery.eventId())
                .getBytes(StandardCharsets.UTF_8)) + "@notifier.techfinance>";
        return contacts.find(delivery.recipient())
                .map(contact -> new OutboundCall(Channel.EMAIL.configName(),
                        () -> send(message(contact.email(), notice, messageId))));
    }

    private MimeMessage message(String to, ClaimMail notice, String messageId) {
        MimeMessage message = new MimeMessage(MESSAGES) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(to);
            helper.setSubject(notice.subject());
            helper.setText(notice.text());
            return message;
        } catch (MessagingException e) {
            throw new DeliveryRejected("cannot write a mail to " + to + ": " + e.getMessage(), e);
        }
    }

    private void send(MimeMessage message) {
        try {
            mail.send(message);
        } catch (MailSendException e) {
            if (Arrays.stream(e.getMessageExceptions()).anyMatch(FirmMailer::mailboxRefused)) {
                throw new DeliveryRejected("the mail server refused the mailbox: " + e.getMessage(), e);
            }
            throw new EndpointUnavailable("the mail server did not take the mail: " + e.getMessage(), e);
        } catch (MailPreparationException e) {
            throw new DeliveryRejected("cannot write the mail: " + e.getMessage(), e);
        } catch (MailException e) {
            throw new EndpointUnavailable("the mail server did not take the mail: " + e.getMessage(), e);
        }
    }

    private static boolean mailboxRefused(Exception e) {
        return e instanceof SendFailedException failed && failed.getInvalidAddresses() != null
                && failed.getInvalidAddresses().length > 0;
    }
}
