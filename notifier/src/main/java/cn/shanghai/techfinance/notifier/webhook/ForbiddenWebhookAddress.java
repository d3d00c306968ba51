package cn.shanghai.techfinance.notifier.webhook;

import java.net.UnknownHostException;

/**
 * A webhook host that is, or resolves to, an address the notifier never calls (loopback, private,
 * link-local, metadata…). An {@link UnknownHostException}, so that the HTTP client's name
 * resolution can refuse with it and no connection is opened.
 */
public class ForbiddenWebhookAddress extends UnknownHostException {

    private static final long serialVersionUID = 1L;

    public ForbiddenWebhookAddress(String reason) {
        super(reason);
    }
}
