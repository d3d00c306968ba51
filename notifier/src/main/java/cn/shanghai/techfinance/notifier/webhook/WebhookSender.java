package cn.shanghai.techfinance.notifier.webhook;

import cn.shanghai.techfinance.notifier.delivery.Channel;
import cn.shanghai.techfinance.notifier.delivery.ChannelSender;
import cn.shanghai.techfinance.notifier.delivery.DeliveryRejected;
import cn.shanghai.techfinance.notifier.delivery.DueDelivery;
import cn.shanghai.techfinance.notifier.delivery.EndpointUnavailable;
import cn.shanghai.techfinance.notifier.registration.BankWebhook;
import cn.shanghai.techfinance.notifier.registration.BankWebhooks;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * POSTs a bank's result to its webhook: the result JSON as the body
 * ({@code application/cloudevents+json}), signed ({@link WebhookSignature}), with the result's id as
 * {@code Idempotency-Key}. Each retry is signed afresh (new timestamp) over the same body and key.
 *
 * <p>A 2xx answer delivers it. Connection failures, timeouts, 408, 429 and 5xx are the endpoint
 * being unavailable (retried); any other answer is a refusal (parked): the bank's side must change
 * before sending again can help. Redirects are not followed.
 */
@Component
public class WebhookSender implements ChannelSender {

    private static final MediaType CLOUDEVENTS_JSON = MediaType.parseMediaType("application/cloudevents+json; charset=UTF-8");

    private final BankWebhooks webhooks;
    private final Clock clock;
    private final RestClient http;

    public WebhookSender(BankWebhooks webhooks, Clock clock,
                         @Value("${notifier.webhook.connect-timeout:5s}") Duration connectTimeout,
                         @Value("${notifier.webhook.read-timeout:10s}") Duration readTimeout) {
        this.webhooks = webhooks;
        this.clock = clock;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
        requests.setReadTimeout(readTimeout);
        this.http = RestClient.builder().requestFactory(requests).build();
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public Optional<OutboundCall> prepare(DueDelivery delivery) {
        return webhooks.find(delivery.recipient())
                .map(webhook -> new OutboundCall(Channel.WEBHOOK.endpoint(webhook.bankCode()), () -> post(webhook, delivery)));
    }

    private void post(BankWebhook webhook, DueDelivery delivery) {
        long timestamp = clock.instant().getEpochSecond();
        HttpStatusCode status;
        try {
            status = http.post().uri(webhook.url())
                    .contentType(CLOUDEVENTS_JSON)
                    .header(WebhookSignature.IDEMPOTENCY_KEY_HEADER, delivery.eventId())
                    .header(WebhookSignature.KEY_ID_HEADER, webhook.keyId())
                    .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(webhook.secret(), timestamp, delivery.payload()))
                    .body(delivery.payload())
                    .exchange((request, response) -> response.getStatusCode());
        } catch (ResourceAccessException e) {
            throw new EndpointUnavailable("webhook of " + webhook.bankCode() + " unreachable: " + e.getMessage(), e);
        }
        if (status.is2xxSuccessful()) {
            return;
        }
        int code = status.value();
        String answer = "webhook of " + webhook.bankCode() + " answered HTTP " + code;
        if (status.is5xxServerError() || code == 408 || code == 429) {
            throw new EndpointUnavailable(answer);
        }
        throw new DeliveryRejected(answer);
    }
}
