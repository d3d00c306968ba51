package cn.shanghai.techfinance.subsidy.console;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/**
 * {@link ServiceApis}: where intake and the notifier listen ({@code console.services.*}), and the
 * person's token on each call. Without the console's client registration (a nightly worker, a
 * deployment without the console) the console's controllers still exist but no request reaches them
 * (the API's chain denies their paths), so the clients carry no token.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServiceApisConfiguration.Locations.class)
class ServiceApisConfiguration {

    /** The services' base URLs, as this process reaches them. */
    @ConfigurationProperties("console.services")
    record Locations(String intakeUrl, String notifierUrl) {
    }

    /** The tokens live in the person's session and end with it. */
    @Bean
    @ConditionalOnProperty(prefix = "spring.security.oauth2.client.registration.console", name = "client-id")
    OAuth2AuthorizedClientRepository consoleAuthorizedClients() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    @Bean
    @ConditionalOnProperty(prefix = "spring.security.oauth2.client.registration.console", name = "client-id")
    OAuth2AuthorizedClientManager consoleAuthorizedClientManager(ClientRegistrationRepository registrations,
                                                                 OAuth2AuthorizedClientRepository authorizedClients) {
        DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations, authorizedClients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().authorizationCode().refreshToken().build());
        return manager;
    }

    @Bean
    ServiceApis serviceApis(Locations locations, ObjectProvider<OAuth2AuthorizedClientManager> tokens) {
        OAuth2AuthorizedClientManager manager = tokens.getIfAvailable();
        return new ServiceApis(client(locations.intakeUrl(), manager), client(locations.notifierUrl(), manager));
    }

    private static RestClient client(String baseUrl, OAuth2AuthorizedClientManager tokens) {
        RestClient.Builder client = RestClient.builder().baseUrl(baseUrl);
        if (tokens != null) {
            OAuth2ClientHttpRequestInterceptor bearer = new OAuth2ClientHttpRequestInterceptor(tokens);
            bearer.setClientRegistrationIdResolver(request -> ConsoleSecurity.REGISTRATION);
            bearer.setPrincipalResolver(request -> SecurityContextHolder.getContext().getAuthentication());
            client.requestInterceptor(bearer);
        }
        return client.build();
    }
}
