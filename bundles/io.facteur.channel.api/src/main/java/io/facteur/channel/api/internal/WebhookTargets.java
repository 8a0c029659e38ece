package io.facteur.channel.api.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
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
 * inside an IPv6 form (IPv4-mapped or -compatible, NAT64, 6to4), unless private targets are
 * allowed. Checked when a webhook is registered and again right before every send.
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
                if (!isPublic(a)) {
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

    /** Whether an address is on the public internet. */
    static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress()
                || a.isSiteLocalAddress()
                || a.isLinkLocalAddress()
                || a.isMulticastAddress()
                || a.isAnyLocalAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return isPublic4(b, 0);
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return false; // fc00::/7 unique local
            }
            if (zero(b, 0, 10) && ((b[10] == 0 && b[11] == 0) || (b[10] == -1 && b[11] == -1))) {
                return isPublic4(b, 12); // IPv4-compatible, IPv4-mapped
            }
            if ((b[0] & 0xff) == 0x00
                    && (b[1] & 0xff) == 0x64
                    && (b[2] & 0xff) == 0xff
                    && (b[3] & 0xff) == 0x9b
                    && zero(b, 4, 12)) {
                return isPublic4(b, 12); // NAT64 64:ff9b::/96
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
                return isPublic4(b, 2); // 6to4 2002::/16
            }
            return true;
        }
        return false;
    }

    private static boolean isPublic4(byte[] b, int at) {
        int o1 = b[at] & 0xff;
        int o2 = b[at + 1] & 0xff;
        int o3 = b[at + 2] & 0xff;
        return !(o1 == 0 // this network
                || o1 == 10
                || o1 == 127
                || (o1 == 100 && o2 >= 64 && o2 <= 127) // carrier-grade NAT
                || (o1 == 169 && o2 == 254)
                || (o1 == 172 && o2 >= 16 && o2 <= 31)
                || (o1 == 192 && o2 == 168)
                || (o1 == 192 && o2 == 0 && o3 == 0) // IETF protocol assignments
                || (o1 == 198 && (o2 == 18 || o2 == 19)) // benchmarking
                || o1 >= 224); // multicast, reserved, broadcast
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String shown(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "…" : s;
    }
}
