package cn.shanghai.techfinance.notifier.webhook;

import cn.shanghai.techfinance.notifier.delivery.Channel;
import cn.shanghai.techfinance.notifier.delivery.ChannelSender;
import cn.shanghai.techfinance.notifier.delivery.DeliveryRejected;
import cn.shanghai.techfinance.notifier.delivery.DueDelivery;
import cn.shanghai.techfinance.notifier.delivery.EndpointUnavailable;
import cn.shanghai.techfinance.notifier.registration.BankWebhook;
import cn.shanghai.techfinance.notifier.registration.BankWebhooks;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
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
 *
 * <p>The host is resolved by {@link WebhookAddressRules} and the connection made to the addresses
 * it checked, never to others: a host that now resolves to a forbidden address (loopback, private,
 * metadata…) is not called, and the delivery is refused for good.
 */
@Component
public class WebhookSender implements ChannelSender, DisposableBean {

    private static final MediaType CLOUDEVENTS_JSON = MediaType.parseMediaType("application/cloudevents+json; charset=UTF-8");

    private final BankWebhooks webhooks;
    private final Clock clock;
    private final CloseableHttpClient client;
    private final RestClient http;

    public WebhookSender(BankWebhooks webhooks, Clock clock, WebhookAddressRules rules,
                         @Value("${notifier.webhook.connect-timeout:5s}") Duration connectTimeout,
                         @Value("${notifier.webhook.read-timeout:10s}") Duration readTimeout) {
        this.webhooks = webhooks;
        this.clock = clock;
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(checkedResolution(rules))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.of(readTimeout))
                                .build())
                        // the bulkheads and rate limiters bound the calls per bank; the pool must not
                        .setMaxConnTotal(200)
                        .setMaxConnPerRoute(50)
                        .build())
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAutomaticRetries()
                .build();
        HttpComponentsClientHttpRequestFactory requests = new HttpComponentsClientHttpRequestFactory(client);
        requests.setReadTimeout(readTimeout);
        this.http = RestClient.builder().requestFactory(requests).build();
    }

    /** The client's name resolution: the checked addresses only, so the check and the connection cannot disagree. */
    private static DnsResolver checkedResolution(WebhookAddressRules rules) {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return rules.resolve(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return rules.resolve(host)[0].getCanonicalHostName();
            }
        };
    }

    @Override
    public void destroy() throws Exception {
        client.close();
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
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ForbiddenWebhookAddress forbidden) {
                    throw new DeliveryRejected("webhook of " + webhook.bankCode() + " not called: " + forbidden.getMessage(), e);
                }
            }
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
