package cn.shanghai.techfinance.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The SSRF rules: which addresses a webhook may reach, judged by every address its host resolves to. */
class WebhookAddressRulesTest {

    /** A DNS of its own: names that resolve inside, and one that resolves outside. */
    private static final Map<String, List<String>> DNS = Map.of(
            "bank.example", List.of("203.0.113.10", "2001:db8::10"),
            "sneaky.example", List.of("203.0.113.11", "127.0.0.1"),
            "intranet.example", List.of("10.1.2.3"),
            "localhost", List.of("127.0.0.1", "::1"));

    private final WebhookAddressRules rules = new WebhookAddressRules(List.of(), WebhookAddressRulesTest::resolve);

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        List<String> addresses = DNS.get(host);
        if (addresses == null) {
            return InetAddress.getAllByName(host); // IP literals: no lookup
        }
        InetAddress[] resolved = new InetAddress[addresses.size()];
        for (int i = 0; i < resolved.length; i++) {
            resolved[i] = InetAddress.getByAddress(host, InetAddress.getByName(addresses.get(i)).getAddress());
        }
        return resolved;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://169.254.169.254/latest/meta-data | host 169.254.169.254 is a cloud metadata address",
            "https://127.0.0.1/                      | host 127.0.0.1 is a loopback address",
            "https://127.1.2.3/                      | host 127.1.2.3 is a loopback address",
            "https://10.0.0.1/                       | host 10.0.0.1 is a private address",
            "https://172.16.0.1/                     | host 172.16.0.1 is a private address",
            "https://172.31.255.255/                 | host 172.31.255.255 is a private address",
            "https://192.168.1.1/                    | host 192.168.1.1 is a private address",
            "https://100.64.0.1/                     | host 100.64.0.1 is a private (carrier-grade NAT) address",
            "https://169.254.10.10/                  | host 169.254.10.10 is a link-local address",
            "https://0.0.0.0/                        | host 0.0.0.0 is a 'this network' address",
            "https://224.0.0.1/                      | host 224.0.0.1 is a multicast address",
            "https://255.255.255.255/                | host 255.255.255.255 is a reserved or broadcast address",
            "https://[::1]/                          | host [::1] resolves to 0:0:0:0:0:0:0:1, a loopback address",
            "https://[::]/                           | host [::] resolves to 0:0:0:0:0:0:0:0, the any-local address",
            "https://[::ffff:127.0.0.1]/             | host [::ffff:127.0.0.1] resolves to 127.0.0.1, a loopback address",
            "https://[::ffff:a9fe:a9fe]/             | host [::ffff:a9fe:a9fe] resolves to 169.254.169.254, a cloud metadata address",
            "https://[::10.0.0.1]/                   | a private address (IPv4 10.0.0.1 inside IPv6)",
            "https://[64:ff9b::7f00:1]/              | a loopback address (IPv4 127.0.0.1 inside IPv6)",
            "https://[2002:c0a8:101::1]/             | a private address (IPv4 192.168.1.1 inside IPv6)",
            "https://[fd00:ec2::254]/                | a cloud metadata address",
            "https://[fc00::1]/                      | a private (unique local) address",
            "https://[fe80::1]/                      | a link-local address",
            "https://[fec0::1]/                      | a site-local address",
            "https://[ff02::1]/                      | a multicast address",
            "https://localhost/                      | host localhost resolves to 127.0.0.1, a loopback address",
            "https://sneaky.example/hook             | host sneaky.example resolves to 127.0.0.1, a loopback address",
            "https://intranet.example/hook           | host intranet.example resolves to 10.1.2.3, a private address"})
    void forbiddenAddressesAreRefusedWithTheReason(String url, String reason) {
        assertThat(rules.refusal(URI.create(url))).hasValueSatisfying(r -> assertThat(r).contains(reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://bank.example/hooks/tf", "https://203.0.113.10/", "https://8.8.8.8/",
            "https://172.32.0.1/", "https://100.128.0.1/", "https://[2001:db8::1]/", "https://[::ffff:203.0.113.9]/"})
    void publicAddressesAreAllowed(String url) {
        assertThat(rules.refusal(URI.create(url))).isEmpty();
    }

    @Test
    void aHostThatDoesNotResolveIsRefused() {
        assertThat(rules.refusal(URI.create("https://nowhere.invalid/"))).hasValue("host nowhere.invalid does not resolve");
    }

    @Test
    void onlyTheHostsOfTheAllowListAreExemptAndTheyResolveAsUsual() throws UnknownHostException {
        WebhookAddressRules local = new WebhookAddressRules(List.of("localhost", " LOCALHOST "), WebhookAddressRulesTest::resolve);
        assertThat(local.refusal(URI.create("https://LocalHost:8443/hooks"))).isEmpty();
        assertThat(local.resolve("localhost")).extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(local.refusal(URI.create("https://127.0.0.1/"))).as("the address itself is not on the list").isPresent();
        assertThat(local.refusal(URI.create("https://sneaky.example/"))).isPresent();
    }

    @Test
    void resolutionFailsWithTheForbiddenAddressSoThatNoConnectionIsMade() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rules.resolve("sneaky.example"))
                .isInstanceOf(ForbiddenWebhookAddress.class)
                .hasMessage("host sneaky.example resolves to 127.0.0.1, a loopback address");
    }
}
