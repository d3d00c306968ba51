package cn.shanghai.techfinance.notifier.registration;

import cn.shanghai.techfinance.notifier.delivery.Channel;
import cn.shanghai.techfinance.notifier.delivery.DeliveryLedger;
import cn.shanghai.techfinance.notifier.registration.FirmContacts.FirmContact;
import java.net.URI;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registering an address, and resuming what waited for it, in one transaction. */
@Service
public class Registrations {

    private final BankWebhooks webhooks;
    private final FirmContacts contacts;
    private final DeliveryLedger ledger;
    private final Clock clock;

    public Registrations(BankWebhooks webhooks, FirmContacts contacts, DeliveryLedger ledger, Clock clock) {
        this.webhooks = webhooks;
        this.contacts = contacts;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Transactional
    public BankWebhook registerWebhook(String bankCode, URI url, String keyId, String secret) {
        BankWebhook webhook = new BankWebhook(bankCode, url, keyId, secret, clock.instant());
        webhooks.register(webhook);
        ledger.resumeHeld(bankCode, Channel.WEBHOOK, webhook.registeredAt());
        return webhook;
    }

    /** Also resumes the notices the firm could not be sent for want of an address (e.g. a claim in publication). */
    @Transactional
    public FirmContact registerContact(String uscc, String email) {
        FirmContact contact = new FirmContact(uscc, email, clock.instant());
        contacts.register(uscc, email, contact.registeredAt());
        ledger.resumeHeld(uscc, Channel.EMAIL, contact.registeredAt());
        return contact;
    }
}
