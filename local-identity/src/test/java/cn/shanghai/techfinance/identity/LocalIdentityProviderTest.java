package cn.shanghai.techfinance.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shanghai.techfinance.infra.LocalTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The issuer over real HTTP: its OpenID configuration, its key (the local one), its login page with the demo users. */
class LocalIdentityProviderTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LocalTokens KEYS = LocalTokens.loadOrCreate(Path.of("target", "test-jwt"));
    private static LocalIdentityProvider issuer;

    @BeforeAll
    static void start() {
        issuer = LocalIdentityProvider.start(KEYS, 0, "secret", List.of("http://127.0.0.1:8080"),
                List.of(DemoUser.staff("wang", "wang-demo", "王科长", "OFFICER"), DemoUser.firm("91310000MA1FL0TEST", "firm-demo", "上海甲子科技有限公司")));
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @Test
    void publishesItsOpenIdConfigurationWithItsOwnAddressAsIssuer() throws Exception {
        JsonNode configuration = JSON.readTree(get("/.well-known/openid-configuration").body());
        assertThat(configuration.path("issuer").asString()).isEqualTo(issuer.issuerUri());
        assertThat(configuration.path("authorization_endpoint").asString()).isEqualTo(issuer.issuerUri() + "/oauth2/authorize");
    }

    @Test
    void signsWithTheLocalKeyTheServicesTrust() throws Exception {
        JsonNode keys = JSON.readTree(get("/oauth2/jwks").body());
        assertThat(keys.path("keys")).hasSize(1);
        assertThat(keys.path("keys").get(0).path("n").asString()).isEqualTo(KEYS.signingJwk().getModulus().toString());
        assertThat(keys.path("keys").get(0).has("d")).as("the private part stays private").isFalse();
    }

    @Test
    void listsTheDemoUsersOnItsLoginPageAndTakesNewOnes() throws Exception {
        issuer.add(DemoUser.firm("91310000MA1FL0LATE", "late-demo", "上海乙丑科技有限公司"));
        HttpResponse<String> page = get("/login");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("wang", "王科长", "91310000MA1FL0TEST", "91310000MA1FL0LATE", "_csrf");
    }

    @Test
    void sendsABrowserWithoutASessionToTheLoginPage() throws Exception {
        HttpResponse<String> authorize = HTTP.send(HttpRequest.newBuilder(URI.create(issuer.issuerUri()
                + "/oauth2/authorize?response_type=code&client_id=" + LocalIdentityProvider.CONSOLE_CLIENT
                + "&scope=openid&redirect_uri=http://127.0.0.1:8080/login/oauth2/code/console&code_challenge=x&code_challenge_method=S256"))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(authorize.statusCode()).isEqualTo(302);
        assertThat(authorize.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(issuer.issuerUri() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
