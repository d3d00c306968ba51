package cn.shanghai.techfinance.notifier.registration;

import cn.shanghai.techfinance.contracts.BankCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.regex.Pattern;
import cn.shanghai.techfinance.notifier.webhook.WebhookAddressRules;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A bank registers (or replaces) its webhook: {@code PUT /api/v1/banks/{bankCode}/webhook}; an
 * insurer (科技保险) likewise at {@code /api/v1/insurers/{insurerCode}/webhook}. From then on each
 * result for it is also POSTed there, signed with the key given. The secret is never shown again.
 * Bank and insurer codes are one namespace, so both are kept as one code's webhook.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "webhooks", description = "Banks' and insurers' webhooks for results (银行/保险公司回调)")
public class BankWebhookController {

    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** 256 bits as hex or base64 at least; HMAC-SHA256 gains nothing from longer keys. */
    private static final int MIN_SECRET = 32;
    private static final int MAX_SECRET = 255;

    private final Registrations registrations;
    private final BankWebhooks webhooks;
    private final WebhookAddressRules addressRules;
    private final boolean plainHttpAllowed;

    public BankWebhookController(Registrations registrations, BankWebhooks webhooks, WebhookAddressRules addressRules,
                                 @Value("${notifier.webhook.allow-plain-http:false}") boolean plainHttpAllowed) {
        this.registrations = registrations;
        this.webhooks = webhooks;
        this.addressRules = addressRules;
        this.plainHttpAllowed = plainHttpAllowed;
    }

    public record WebhookRegistration(String url, String keyId, String secret) {
    }

    public record WebhookView(String bankCode, String url, String keyId, Instant registeredAt) {
        static WebhookView of(BankWebhook webhook) {
            return new WebhookView(webhook.bankCode(), webhook.url().toString(), webhook.keyId(), webhook.registeredAt());
        }
    }

    private static final String REGISTRATION = "url: HTTPS, to a host that resolves "
            + "to public addresses only (no loopback, private, link-local, multicast or metadata address); keyId: 1–64 of "
            + "A–Z a–z 0–9 . _ -, sent as X-TF-Key-Id; secret: 32–255 characters, the HMAC-SHA256 key";

    @PutMapping("/banks/{bankCode}/webhook")
    @Operation(summary = "Register or replace the bank's webhook", description = REGISTRATION)
    public WebhookView register(@PathVariable String bankCode, @RequestBody WebhookRegistration registration) {
        return registered("bank", bankCode, registration);
    }

    @PutMapping("/insurers/{insurerCode}/webhook")
    @Operation(summary = "Register or replace the insurer's webhook (its events' outcomes and its policies' claims)",
            description = REGISTRATION)
    public WebhookView registerInsurer(@PathVariable String insurerCode, @RequestBody WebhookRegistration registration) {
        return registered("insurer", insurerCode, registration);
    }

    @GetMapping("/banks/{bankCode}/webhook")
    @Operation(summary = "The bank's webhook (without its secret)")
    public WebhookView find(@PathVariable String bankCode) {
        return found("bank", bankCode);
    }

    @GetMapping("/insurers/{insurerCode}/webhook")
    @Operation(summary = "The insurer's webhook (without its secret)")
    public WebhookView findInsurer(@PathVariable String insurerCode) {
        return found("insurer", insurerCode);
    }

    private WebhookView registered(String whose, String bankCode, WebhookRegistration registration) {
        requireCode(whose, bankCode);
        URI url = validUrl(registration.url());
        if (registration.keyId() == null || !KEY_ID.matcher(registration.keyId()).matches()) {
            throw badRequest("keyId must be 1–64 of A–Z a–z 0–9 . _ -");
        }
        String secret = registration.secret();
        if (secret == null || secret.length() < MIN_SECRET || secret.length() > MAX_SECRET) {
            throw badRequest("secret must be " + MIN_SECRET + "–" + MAX_SECRET + " characters");
        }
        return WebhookView.of(registrations.registerWebhook(bankCode, url, registration.keyId(), secret));
    }

    private WebhookView found(String whose, String code) {
        requireCode(whose, code);
        return webhooks.find(code).map(WebhookView::of)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, whose + " " + code + " has no webhook"));
    }

    private URI validUrl(String text) {
        URI url;
        try {
            url = text == null ? null : URI.create(text);
        } catch (IllegalArgumentException e) {
            throw badRequest("url is not a URL: " + text);
        }
        boolean https = url != null && "https".equalsIgnoreCase(url.getScheme());
        boolean http = url != null && "http".equalsIgnoreCase(url.getScheme());
        if (url == null || url.getHost() == null || !(https || (http && plainHttpAllowed))) {
            throw badRequest("url must be an absolute https URL");
        }
        addressRules.refusal(url).ifPresent(refusal -> {
            throw badRequest("url must reach a public address: " + refusal);
        });
        return url;
    }

    private static void requireCode(String whose, String code) {
        if (!BankCode.isValid(code)) {
            throw badRequest("not " + (whose.equals("bank") ? "a bank" : "an insurer") + " code: " + code);
        }
    }

    private static ResponseStatusException badRequest(String reason) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, reason);
    }
}
