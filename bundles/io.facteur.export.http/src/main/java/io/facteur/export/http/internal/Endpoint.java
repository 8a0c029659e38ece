package io.facteur.export.http.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One connector's settings, checked: where and how to send, with which credentials. Built from the
 * untyped settings for every test and send; a value that cannot work is refused with its reason,
 * never with a secret in it.
 *
 * @param url the endpoint, https (or http when allowed), without user-info; its host not resolved
 * @param method {@code POST} or {@code PUT}
 * @param authorization the authentication header, null without authentication
 * @param timeoutSeconds connect and answer timeout
 * @param contentTypes media type by lower-case format id, overriding the document's
 * @param extraCa PEM certificates trusted besides the JDK's, empty for none (checked by {@link
 *     Clients})
 * @param allowPrivateTargets whether non-public addresses may be called
 * @param dossier the dossier id, for the probe
 * @param connector the connector id, for the probe
 */
record Endpoint(
        URI url,
        String method,
        Header authorization,
        int timeoutSeconds,
        Map<String, String> contentTypes,
        String extraCa,
        boolean allowPrivateTargets,
        String dossier,
        String connector) {

    /** The longest URL accepted. */
    static final int MAX_URL = 2048;

    /** A header to send; its value may be a secret and is never shown. */
    record Header(String name, String value, List<String> secrets) {
        Header(String name, String value, String... secrets) {
            this(name, value, secretsOf(value, secrets));
        }

        private static List<String> secretsOf(String value, String... more) {
            List<String> all = new ArrayList<>(List.of(more));
            all.add(value);
            all.removeIf(s -> s.length() < 4);
            return List.copyOf(all);
        }

        @Override
        public String toString() {
            return name + ": ***";
        }
    }

    /** RFC 9110 token: header names, media type parts. */
    static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private static final Pattern MEDIA_TYPE =
            Pattern.compile(
                    "[!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+"
                            + "(\\s*;\\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+="
                            + "([!#$%&'*+.^_`|~0-9A-Za-z-]+|\"[^\"\\\\\\p{Cntrl}]*\"))*");

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");

    /** Headers the connector sets itself or that the HTTP client must own. */
    private static final Set<String> FORBIDDEN_HEADERS =
            Set.of(
                    "host",
                    "content-length",
                    "content-type",
                    "content-disposition",
                    "content-encoding",
                    "transfer-encoding",
                    "connection",
                    "keep-alive",
                    "expect",
                    "upgrade",
                    "te",
                    "trailer",
                    "proxy-connection",
                    "proxy-authorization",
                    "idempotency-key",
                    "user-agent");

    @Override
    public String toString() {
        return method + " " + url.getScheme() + "://" + url.getRawAuthority() + " " + authorization;
    }

    /** The settings, checked. */
    static Endpoint of(Map<String, Object> settings) throws Refusal {
        SettingValues v = new SettingValues(settings);
        boolean allowHttp = v.flag("allowHttp", false);
        URI url = url(v.text("url", Integer.MAX_VALUE), allowHttp);
        String method = v.text("method", 20).toUpperCase(Locale.ROOT);
        if (method.isEmpty()) {
            method = "POST";
        } else if (!method.equals("POST") && !method.equals("PUT")) {
            throw Refusal.permanent("settings.method", SettingValues.shown(method));
        }
        return new Endpoint(
                url,
                method,
                authorization(v),
                v.integer("timeoutSeconds", 30, 1, 300),
                contentTypes(v.list("contentTypes", 50)),
                v.text("extraCa", ExtraTrust.MAX_CHARS + 1),
                v.flag("allowPrivateTargets", false),
                v.text("dossier", 200),
                v.text("connector", 200));
    }

    /** The URL, if its form is acceptable; its host is not resolved here. */
    static URI url(String text, boolean allowHttp) throws Refusal {
        if (text.isEmpty()) {
            throw Refusal.permanent("url.missing");
        }
        if (text.length() > MAX_URL) {
            throw Refusal.permanent("url.tooLong", MAX_URL);
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw Refusal.permanent("url.malformed");
        }
        if (!uri.isAbsolute() || uri.isOpaque()) {
            throw Refusal.permanent("url.malformed");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("http") && !allowHttp) {
            throw Refusal.permanent("url.httpNotAllowed");
        }
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw Refusal.permanent("url.scheme", SettingValues.shown(scheme));
        }
        if (uri.getRawUserInfo() != null) {
            throw Refusal.permanent("url.userInfo");
        }
        if (uri.getHost() == null || uri.getRawFragment() != null) {
            throw Refusal.permanent("url.malformed");
        }
        return uri;
    }

    private static Header authorization(SettingValues v) throws Refusal {
        String kind = v.text("authentication", 20).toLowerCase(Locale.ROOT);
        switch (kind) {
            case "", "none":
                return null;
            case "basic":
                String user = v.text("username", 256);
                if (user.isEmpty()) {
                    throw Refusal.permanent("settings.username.missing");
                }
                if (user.indexOf(':') >= 0 || hasControl(user)) {
                    throw Refusal.permanent("settings.username.invalid");
                }
                String password = raw(v, "password");
                if (hasControl(password)) {
                    throw Refusal.permanent("settings.password.invalid");
                }
                String pair =
                        Base64.getEncoder()
                                .encodeToString(
                                        (user + ":" + password).getBytes(StandardCharsets.UTF_8));
                return new Header("Authorization", "Basic " + pair, pair, password);
            case "bearer":
                String token = v.text("token", 8192);
                if (token.isEmpty()) {
                    throw Refusal.permanent("settings.token.missing");
                }
                if (!visibleAscii(token)) {
                    throw Refusal.permanent("settings.token.invalid");
                }
                return new Header("Authorization", "Bearer " + token, token);
            case "header":
                String name = v.text("headerName", 100);
                if (name.isEmpty()) {
                    throw Refusal.permanent("settings.headerName.missing");
                }
                if (!TOKEN.matcher(name).matches()) {
                    throw Refusal.permanent(
                            "settings.headerName.invalid", SettingValues.shown(name));
                }
                String lower = name.toLowerCase(Locale.ROOT);
                if (FORBIDDEN_HEADERS.contains(lower) || lower.startsWith("facteur-")) {
                    throw Refusal.permanent("settings.headerName.forbidden", name);
                }
                String value = v.text("headerValue", 8192);
                if (value.isEmpty()) {
                    throw Refusal.permanent("settings.headerValue.missing", name);
                }
                if (!value.chars().allMatch(c -> c == ' ' || c == '\t' || (c > 32 && c < 127))) {
                    throw Refusal.permanent("settings.headerValue.invalid", name);
                }
                return new Header(name, value);
            default:
                throw Refusal.permanent("settings.authentication", SettingValues.shown(kind));
        }
    }

    /** A password as typed: leading and trailing spaces belong to it. */
    private static String raw(SettingValues v, String key) throws Refusal {
        return v.text(key, 1024).isEmpty() ? "" : v.raw(key);
    }

    private static Map<String, String> contentTypes(List<String> entries) throws Refusal {
        Map<String, String> types = new HashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            String format = eq < 0 ? "" : entry.substring(0, eq).strip();
            String type = eq < 0 ? "" : entry.substring(eq + 1).strip();
            if (!FORMAT.matcher(format).matches() || !isMediaType(type)) {
                throw Refusal.permanent("settings.contentTypes", SettingValues.shown(entry));
            }
            if (types.put(format.toLowerCase(Locale.ROOT), type) != null) {
                throw Refusal.permanent("settings.contentTypes.twice", format);
            }
        }
        return Map.copyOf(types);
    }

    /**
     * Whether a text is a media type with optional parameters ({@code text/xml; charset=UTF-8}).
     */
    static boolean isMediaType(String s) {
        return s.length() <= 200 && MEDIA_TYPE.matcher(s).matches();
    }

    /** The media type to send for a document of this format. */
    String contentType(String format, String declared) {
        String override = format == null ? null : contentTypes.get(format.toLowerCase(Locale.ROOT));
        if (override != null) {
            return override;
        }
        return declared != null && isMediaType(declared) ? declared : "application/octet-stream";
    }

    /** The secrets of these settings, to be kept out of any text shown. */
    List<String> secrets() {
        return authorization == null ? List.of() : authorization.secrets();
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }

    private static boolean visibleAscii(String s) {
        return s.chars().allMatch(c -> c > 32 && c < 127);
    }
}
