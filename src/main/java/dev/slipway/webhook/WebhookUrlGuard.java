package dev.slipway.webhook;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Keeps webhook URLs from reaching inside the platform's network (server-side request forgery):
 * a URL's host is resolved and every address it resolves to must be public, unless it lies in a
 * range the platform team allows (slipway.webhooks.allowed-ranges). Checked when a subscription is
 * written and again before each delivery, because a name can resolve elsewhere later (DNS rebinding).
 * Resolving blocks: call it on a worker thread.
 */
@ApplicationScoped
public class WebhookUrlGuard {
    /** Names of cloud metadata services, refused whatever they resolve to. */
    private static final Set<String> METADATA_NAMES = Set.of("metadata", "metadata.google.internal", "metadata.goog",
            "instance-data", "instance-data.ec2.internal", "metadata.azure.internal");
    private static final List<Cidr> INTERNAL = List.of(Cidr.parse("0.0.0.0/8"), Cidr.parse("10.0.0.0/8"), Cidr.parse("100.64.0.0/10"),
            Cidr.parse("127.0.0.0/8"), Cidr.parse("169.254.0.0/16"), Cidr.parse("172.16.0.0/12"), Cidr.parse("192.0.0.0/24"),
            Cidr.parse("192.168.0.0/16"), Cidr.parse("198.18.0.0/15"), Cidr.parse("224.0.0.0/4"), Cidr.parse("240.0.0.0/4"),
            Cidr.parse("::/128"), Cidr.parse("::1/128"), Cidr.parse("fc00::/7"), Cidr.parse("fe80::/10"),
            Cidr.parse("ff00::/8"));

    private final List<Cidr> allowed;
    private final boolean allowHttp;

    @Inject
    public WebhookUrlGuard(WebhooksConfig config) {
        this(config.allowedRanges().orElse(List.of()), config.allowHttp());
    }

    WebhookUrlGuard(List<String> allowedRanges, boolean allowHttp) {
        this.allowed = allowedRanges.stream().map(String::trim).filter(range -> !range.isEmpty()).map(Cidr::parse).toList();
        this.allowHttp = allowHttp;
    }

    /** The URL's syntax and scheme, without resolving it: null when fine, else what is wrong. */
    public String checkSyntax(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "must be an absolute http(s) URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return "must be an absolute http(s) URL";
        }
        if (scheme.equals("http") && !allowHttp) {
            return "must use https (plain http is not allowed here)";
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return "must name a host";
        }
        if (uri.getUserInfo() != null) {
            return "must not carry credentials (user info); sign deliveries with the secret instead";
        }
        if (uri.getFragment() != null) {
            return "must not have a fragment";
        }
        return null;
    }

    /**
     * Resolves the URL's host and checks every address: null when it may be called, else why not
     * (for the caller's error or the delivery log). Blocking.
     */
    public String check(String url) {
        String syntax = checkSyntax(url);
        if (syntax != null) {
            return syntax;
        }
        String host = URI.create(url).getHost();
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        String name = bare.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (METADATA_NAMES.contains(name)) {
            return "host '" + host + "' is a cloud metadata service";
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            return "host '" + host + "' does not resolve";
        }
        for (InetAddress address : addresses) {
            if (internal(address) && allowed.stream().noneMatch(range -> range.contains(address))) {
                return "host '" + host + "' resolves to " + address.getHostAddress()
                        + ", an internal address (loopback, link-local, private, shared, multicast or unspecified); "
                        + "the platform team can allow its range in slipway.webhooks.allowed-ranges";
            }
        }
        return null;
    }

    private static boolean internal(InetAddress address) {
        return address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()
                || INTERNAL.stream().anyMatch(range -> range.contains(address));
    }

    /** An address range in CIDR notation. */
    record Cidr(byte[] network, int prefix) {
        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("'" + text + "' is not a CIDR range (address/prefix)");
            }
            byte[] network;
            try {
                network = InetAddress.getByName(text.substring(0, slash)).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + text + "' is not a CIDR range (address/prefix)");
            }
            int prefix = Integer.parseInt(text.substring(slash + 1));
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("'" + text + "' has a prefix longer than its address");
            }
            return new Cidr(network, prefix);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int shift = bytes.length * 8 - prefix;
            return new BigInteger(1, bytes).shiftRight(shift).equals(new BigInteger(1, network).shiftRight(shift));
        }
    }
}
