package io.facteur.channel.api.internal;

import io.facteur.api.net.TargetAddresses;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Which webhook URLs Facteur calls (against server-side request forgery): https only unless http is
 * allowed, and a host whose every address is public: no loopback, private, unique-local,
 * link-local, carrier-grade NAT, multicast, unspecified or reserved address, nor such an address
 * inside an IPv6 form (IPv4-mapped or -compatible, NAT64, 6to4), unless private targets are allowed
 * ({@link TargetAddresses} classifies the addresses). Checked when a webhook is registered and
 * again right before every send.
 *
 * @param allowHttp whether {@code http} URLs are accepted
 * @param allowPrivate whether non-public addresses are accepted
 */
record WebhookTargets(boolean allowHttp, boolean allowPrivate) {
    /** The longest URL accepted. */
    static final int MAX_LENGTH = 2048;

    /** A refused URL: the key of the reason in the texts, and its argument. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final String key;
        final String argument;

        Refused(String key, String argument) {
            super(key + " " + argument, null, false, false);
            this.key = key;
            this.argument = argument;
        }
    }

    static WebhookTargets of(ApiChannelSettings settings) {
        return new WebhookTargets(settings.allowHttp(), settings.allowPrivateTargets());
    }

    /** The URL, if its form is acceptable; its host is not resolved. */
    URI parse(String url) throws Refused {
        if (url == null || url.isBlank()) {
            throw new Refused("url.malformed", "");
        }
        if (url.length() > MAX_LENGTH) {
            throw new Refused("url.tooLong", String.valueOf(MAX_LENGTH));
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new Refused("url.malformed", shown(url));
        }
        if (!uri.isAbsolute()) {
            throw new Refused("url.malformed", shown(url));
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw new Refused(allowHttp ? "url.schemeHttp" : "url.scheme", shown(scheme));
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new Refused("url.malformed", shown(url));
        }
        return uri;
    }

    /** The addresses of the URL's host, if all of them may be called. */
    List<InetAddress> check(URI uri) throws Refused {
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(host);
        } catch (UnknownHostException | SecurityException e) {
            throw new Refused("url.unknownHost", shown(host));
        }
        if (!allowPrivate) {
            for (InetAddress a : all) {
                if (!TargetAddresses.isPublic(a)) {
                    throw new Refused("url.private", a.getHostAddress());
                }
            }
        }
        return List.of(all);
    }

    /** Parses and checks. */
    URI accept(String url) throws Refused {
        URI uri = parse(url);
        check(uri);
        return uri;
    }

    private static String shown(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "…" : s;
    }
}
