package cn.shanghai.techfinance.subsidy.console;

import org.springframework.web.client.RestClient;

/**
 * The other services' HTTP APIs as the signed-in person calls them: every request carries that
 * person's access token (refreshed while the session lasts), so intake and the notifier decide what
 * the person may see, as they do for any caller. The console never reads their tables.
 */
public record ServiceApis(RestClient intake, RestClient notifier) {
}
