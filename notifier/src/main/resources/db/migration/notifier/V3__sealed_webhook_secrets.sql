-- Webhook secrets are kept sealed (AES-256-GCM under notifier.webhook.secret-key, see
-- WebhookSecrets), never in clear. The clear column goes: registrations made before this version
-- (pre-release, local runs only) are removed, and the bank registers its webhook again; its
-- deliveries wait for it meanwhile (NO_CONTACT), as for any bank without a webhook.
-- 'v1:' + base64 of a 12-byte IV and the ciphertext with its 16-byte tag: a 255-character secret
-- (at most 765 bytes of UTF-8) seals to at most 1,063 characters.
DELETE FROM bank_webhook;
ALTER TABLE bank_webhook DROP COLUMN secret, ADD COLUMN sealed_secret VARCHAR(1100) NOT NULL AFTER key_id;
