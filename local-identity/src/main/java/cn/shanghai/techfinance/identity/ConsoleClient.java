package cn.shanghai.techfinance.identity;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The issuer's one client, the web console (confidential, authorization code with refresh), at the
 * base URLs it was allowed at: a test's console listens on a port known only once it started, so
 * the client is built afresh from the current URLs on each lookup. Unknown until one URL is allowed.
 */
final class ConsoleClient implements RegisteredClientRepository {

    private static final String ID = "console";

    private final Set<String> baseUrls = new CopyOnWriteArraySet<>();
    /** As stored: {@code {noop}…} at first, re-encoded by the server on first use (it saves the client then). */
    private volatile String storedSecret;

    ConsoleClient(String secret) {
        this.storedSecret = "{noop}" + secret;
    }

    /** Lets the console at {@code baseUrl} (scheme, host and port) be sent back to after signing in and out. */
    void allowAt(String baseUrl) {
        baseUrls.add(baseUrl);
    }

    /** The server saves the client only to re-encode its secret: that is kept, the rest is rebuilt from the URLs. */
    @Override
    public void save(RegisteredClient registeredClient) {
        if (!ID.equals(registeredClient.getId())) {
            throw new UnsupportedOperationException("the local issuer has one client, the console");
        }
        storedSecret = registeredClient.getClientSecret();
    }

    @Override
    public RegisteredClient findById(String id) {
        return ID.equals(id) ? current() : null;
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return LocalIdentityProvider.CONSOLE_CLIENT.equals(clientId) ? current() : null;
    }

    private RegisteredClient current() {
        List<String> urls = List.copyOf(baseUrls);
        if (urls.isEmpty()) {
            return null;
        }
        return RegisteredClient.withId(ID)
                .clientId(LocalIdentityProvider.CONSOLE_CLIENT)
                .clientSecret(storedSecret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                // back to the console after signing in, and after signing out (OIDC RP-initiated logout)
                .redirectUris(uris -> urls.forEach(base -> uris.add(base + "/login/oauth2/code/console")))
                .postLogoutRedirectUris(uris -> urls.forEach(base -> uris.add(base + "/console/signed-out")))
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                // a first-party client: no consent screen
                .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
                // the console's session outlives an access token: it refreshes it while the person works
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofMinutes(15))
                        .refreshTokenTimeToLive(Duration.ofHours(8)).reuseRefreshTokens(false).build())
                .build();
    }
}
