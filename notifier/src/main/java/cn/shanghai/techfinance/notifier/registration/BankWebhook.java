package cn.shanghai.techfinance.notifier.registration;

import java.net.URI;
import java.time.Instant;

/** Where and how to call a bank: its endpoint, and the key (id and secret) that signs each request. */
public record BankWebhook(String bankCode, URI url, String keyId, String secret, Instant registeredAt) {
}
