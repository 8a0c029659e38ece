package io.facteur.export.http.internal;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * What an exchange that threw means, as a reason: timeouts and network errors may pass (a retry), a
 * certificate that is not trusted or not the host's will not without a change of settings.
 */
final class Failures {
    private Failures() {}

    /** The reason of a failed exchange with this endpoint. */
    static Refusal of(Throwable failure, Endpoint endpoint) {
        String host = endpoint.url().getHost();
        String port = port(endpoint);
        if (has(failure, HttpConnectTimeoutException.class)) {
            return transientRefusal("net.connectTimeout", failure, host, port);
        }
        if (has(failure, HttpTimeoutException.class)
                || has(failure, java.util.concurrent.TimeoutException.class)) {
            return transientRefusal("net.timeout", failure, endpoint.timeoutSeconds());
        }
        if (has(failure, UnknownHostException.class)
                || has(failure, UnresolvedAddressException.class)) {
            return transientRefusal("url.unknownHost", failure, host);
        }
        if (has(failure, ConnectException.class)) {
            return transientRefusal("net.refused", failure, host, port);
        }
        if (has(failure, NoRouteToHostException.class)) {
            return transientRefusal("net.unreachable", failure, host, port);
        }
        if (has(failure, CertPathBuilderException.class)
                || has(failure, CertPathValidatorException.class)) {
            return new Refusal("net.tls.untrusted", false, failure, host);
        }
        CertificateException certificate = find(failure, CertificateException.class);
        if (certificate != null
                && String.valueOf(certificate.getMessage())
                        .toLowerCase(Locale.ROOT)
                        .contains("match")) {
            return new Refusal("net.tls.hostname", false, failure, host);
        }
        if (has(failure, SocketException.class)
                || has(failure, EOFException.class)
                || has(failure, ClosedChannelException.class)) {
            return transientRefusal("net.closed", failure, host, port);
        }
        SSLException tls = find(failure, SSLException.class);
        if (tls != null) {
            return new Refusal("net.tls.failed", false, failure, host, describe(tls, endpoint));
        }
        if (failure instanceof java.io.IOException || has(failure, java.io.IOException.class)) {
            return transientRefusal("net.io", failure, host, describe(failure, endpoint));
        }
        // the HTTP client's own refusals (a header it rejects) may quote the value: type only
        return new Refusal("net.unexpected", false, null, failure.getClass().getSimpleName());
    }

    private static Refusal transientRefusal(String key, Throwable cause, Object... arguments) {
        return new Refusal(key, true, cause, arguments);
    }

    private static String port(Endpoint endpoint) {
        int port = endpoint.url().getPort();
        if (port >= 0) {
            return String.valueOf(port);
        }
        return "http".equalsIgnoreCase(endpoint.url().getScheme()) ? "80" : "443";
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        return find(t, type) != null;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < 20; c = c.getCause(), depth++) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    /**
     * The innermost exception's type and message, printable and short (the JDK's own texts), any
     * secret of the settings taken out.
     */
    private static String describe(Throwable t, Endpoint endpoint) {
        Throwable root = t;
        for (int depth = 0; root.getCause() != null && depth < 20; depth++) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String text = root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return Answer.clean(text, endpoint.secrets(), 200);
    }
}
