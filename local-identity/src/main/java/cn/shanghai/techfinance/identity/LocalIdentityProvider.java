package cn.shanghai.techfinance.identity;

import cn.shanghai.techfinance.infra.LocalTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The local run's and the tests' OpenID Connect issuer: Spring Authorization Server on 127.0.0.1,
 * signing with the local key pair ({@link LocalTokens}) that the services already trust, so the
 * tokens a person gets by signing in are the API's tokens too, with the same claims ({@code roles},
 * {@code uscc}, {@code bank_code}). One client is registered: the web console
 * ({@value #CONSOLE_CLIENT}, authorization code with refresh). The login page lists the demo users.
 * Never for production: there the city's identity provider issues the tokens.
 */
public final class LocalIdentityProvider implements AutoCloseable {

    /** The console's client id at this issuer. */
    public static final String CONSOLE_CLIENT = "techfinance-console";

    private final ConfigurableApplicationContext context;
    private final DemoUsers users;
    private final String issuer;

    private LocalIdentityProvider(ConfigurableApplicationContext context, DemoUsers users, String issuer) {
        this.context = context;
        this.users = users;
        this.issuer = issuer;
    }

    /**
     * Starts the issuer on {@code port} of 127.0.0.1 (0: any free port).
     *
     * @param consoleBaseUrls where the console listens (e.g. {@code http://127.0.0.1:18082}): where it may
     *        be sent back to after signing in and out; more with {@link #allowConsoleAt}
     */
    public static LocalIdentityProvider start(LocalTokens keys, int port, String consoleSecret, List<String> consoleBaseUrls,
                                              List<DemoUser> users) {
        DemoUsers demoUsers = new DemoUsers(users);
        // on a thread of its own: a test's context loader hooks every SpringApplication started on its thread
        ConfigurableApplicationContext context;
        try {
            context = CompletableFuture.supplyAsync(() -> new SpringApplicationBuilder(IdentityProviderApplication.class)
                    .initializers(c -> c.getBeanFactory().registerSingleton("identitySettings",
                            new IdentitySettings(keys, consoleSecret, List.copyOf(consoleBaseUrls), demoUsers)))
                    .run("--spring.config.name=local-identity",
                            "--server.address=127.0.0.1",
                            "--server.port=" + port,
                            // not the console's cookie: both listen on 127.0.0.1, and cookies ignore ports
                            "--server.servlet.session.cookie.name=TF_IDENTITY",
                            "--spring.main.banner-mode=off",
                            "--logging.level.root=WARN")).join();
        } catch (CompletionException e) {
            throw new IllegalStateException("the local identity provider did not start on port " + port, e.getCause());
        }
        int actual = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new LocalIdentityProvider(context, demoUsers, "http://127.0.0.1:" + actual);
    }

    /** The issuer's URI: its OpenID configuration is at {@code <issuer>/.well-known/openid-configuration}. */
    public String issuerUri() {
        return issuer;
    }

    /** Lets the console at {@code baseUrl} (a test's, on a port known only once it listens) use this issuer. */
    public void allowConsoleAt(String baseUrl) {
        context.getBean(ConsoleClient.class).allowAt(baseUrl);
    }

    /** Lets one more user sign in (a test's own firm). */
    public void add(DemoUser user) {
        users.add(user);
    }

    public List<DemoUser> users() {
        return new ArrayList<>(users.all());
    }

    @Override
    public void close() {
        context.close();
    }
}
