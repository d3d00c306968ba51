package cn.shanghai.techfinance.notifier.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where the notifier may send a webhook request (SSRF rules): only to public unicast addresses,
 * never to a loopback, private (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7), link-local
 * (169.254/16, fe80::/10), any-local, multicast, reserved or cloud metadata address
 * (169.254.169.254, fd00:ec2::254), IPv4 addresses embedded in IPv6 (mapped, compatible, NAT64,
 * 6to4) judged as the IPv4 address they carry. A host name is judged by every address it resolves
 * to: one forbidden address refuses it.
 *
 * <p>The rules apply when a webhook is registered and again at each delivery, when the HTTP
 * client resolves the host ({@link #resolve}): the connection goes only to addresses checked by
 * that same resolution, so a name re-pointed inside after registration (DNS rebinding) is never
 * called. Hosts named in {@code notifier.webhook.allowed-hosts} (exactly as in the URL, any case)
 * are exempt, for a local test receiver such as {@code localhost}.
 */
@Component
public class WebhookAddressRules {

    /** How a host name becomes addresses; the system's resolver in production. */
    @FunctionalInterface
    public interface HostResolver {
        InetAddress[] addresses(String host) throws UnknownHostException;
    }

    private static final Set<String> METADATA = Set.of("169.254.169.254", "fd00:ec2:0:0:0:0:0:254");

    private final Set<String> allowedHosts;
    private final HostResolver resolver;

    @Autowired
    public WebhookAddressRules(@Value("${notifier.webhook.allowed-hosts:}") List<String> allowedHosts) {
        this(allowedHosts, InetAddress::getAllByName);
    }

    public WebhookAddressRules(List<String> allowedHosts, HostResolver resolver) {
        this.allowedHosts = allowedHosts.stream().map(String::strip).filter(h -> !h.isEmpty())
                .map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.resolver = resolver;
    }

    /** Why the URL's host may not be called now, or empty when it may. */
    public Optional<String> refusal(URI url) {
        try {
            resolve(url.getHost());
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.of(e instanceof ForbiddenWebhookAddress ? e.getMessage() : "host " + url.getHost() + " does not resolve");
        }
    }

    /**
     * The addresses of {@code host}, every one of them allowed; fails with {@link ForbiddenWebhookAddress}
     * if any is not. {@code host} may be an IP literal, IPv6 in brackets or not.
     */
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = resolver.addresses(bare);
        if (allowedHosts.contains(host.toLowerCase(Locale.ROOT)) || allowedHosts.contains(bare.toLowerCase(Locale.ROOT))) {
            return addresses;
        }
        for (InetAddress address : addresses) {
            Optional<String> kind = forbiddenKind(address);
            if (kind.isPresent()) {
                String literal = address.getHostAddress();
                throw new ForbiddenWebhookAddress(literal.equalsIgnoreCase(bare)
                        ? "host " + host + " is " + kind.get()
                        : "host " + host + " resolves to " + literal + ", " + kind.get());
            }
        }
        return addresses;
    }

    /** What kind of forbidden address {@code address} is ("a loopback address", …), or empty for a public one. */
    static Optional<String> forbiddenKind(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            Optional<byte[]> embedded = embeddedIpv4(b);
            if (embedded.isPresent()) {
                try {
                    return forbiddenKind(InetAddress.getByAddress(embedded.get()))
                            .map(kind -> kind + " (IPv4 " + ipv4(embedded.get()) + " inside IPv6)");
                } catch (UnknownHostException e) {
                    throw new IllegalStateException("4 bytes are always an IPv4 address", e);
                }
            }
            if (METADATA.contains(v6.getHostAddress().replaceAll("%.*", ""))) {
                return Optional.of("a cloud metadata address");
            }
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return Optional.of("a private (unique local) address");
            }
            if (first == 0xfe && (b[1] & 0xc0) == 0xc0) {
                return Optional.of("a site-local address");
            }
        } else if (address instanceof Inet4Address) {
            byte[] b = address.getAddress();
            int a0 = b[0] & 0xff;
            int a1 = b[1] & 0xff;
            if (METADATA.contains(address.getHostAddress())) {
                return Optional.of("a cloud metadata address");
            }
            if (a0 == 0) {
                return Optional.of("a 'this network' address");
            }
            if (a0 == 100 && (a1 & 0xc0) == 64) {
                return Optional.of("a private (carrier-grade NAT) address");
            }
            if (a0 >= 240) {
                return Optional.of("a reserved or broadcast address");
            }
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("the any-local address");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("a private address");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        return Optional.empty();
    }

    /**
     * The IPv4 address an IPv6 address carries: mapped {@code ::ffff:a.b.c.d} (the JDK turns most
     * into IPv4 already), compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d}, 6to4 {@code 2002:AABB:CCDD::}.
     */
    private static Optional<byte[]> embeddedIpv4(byte[] b) {
        boolean zeros80 = Arrays.equals(b, 0, 10, new byte[10], 0, 10);
        boolean mapped = zeros80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeros80 && b[10] == 0 && b[11] == 0 && !(Arrays.equals(b, 12, 15, new byte[3], 0, 3) && (b[15] & 0xff) <= 1);
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && Arrays.equals(b, 4, 12, new byte[8], 0, 8);
        if (mapped || compatible || nat64) {
            return Optional.of(Arrays.copyOfRange(b, 12, 16));
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return Optional.of(Arrays.copyOfRange(b, 2, 6));
        }
        return Optional.empty();
    }

    private static String ipv4(byte[] b) {
        return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
    }
}
