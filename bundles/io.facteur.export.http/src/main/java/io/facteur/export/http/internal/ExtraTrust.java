package io.facteur.export.http.internal;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Certificates an admin trusts for one connector besides the JDK's certificate authorities (a
 * receiver with its own CA or a self-signed certificate), and the TLS context that trusts both.
 * Certificates are still checked in full: validity, chain and host name.
 */
final class ExtraTrust {
    /** The longest PEM text accepted. */
    static final int MAX_CHARS = 256 * 1024;

    /** The most certificates accepted. */
    static final int MAX_CERTIFICATES = 50;

    private static final Pattern BLOCK =
            Pattern.compile(
                    "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]*?)-----END CERTIFICATE-----");

    private final List<X509Certificate> certificates;

    private ExtraTrust(List<X509Certificate> certificates) {
        this.certificates = List.copyOf(certificates);
    }

    /**
     * The certificates of a PEM text; lenient about line breaks lost on the way (a web form that
     * turned them into spaces, a {@code \n} typed literally).
     */
    static ExtraTrust parse(String text) throws Refusal {
        if (text.length() > MAX_CHARS) {
            throw Refusal.permanent("settings.extraCa.tooLarge", MAX_CHARS / 1024);
        }
        String pem = text.replace("\\r", "\r").replace("\\n", "\n");
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem);
        int end = 0;
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            while (m.find()) {
                if (!pem.substring(end, m.start()).isBlank()) {
                    throw Refusal.permanent("settings.extraCa.invalid");
                }
                end = m.end();
                if (certificates.size() == MAX_CERTIFICATES) {
                    throw Refusal.permanent("settings.extraCa.tooMany", MAX_CERTIFICATES);
                }
                String base64 = m.group(1).replaceAll("\\s", "");
                byte[] der = Base64.getDecoder().decode(base64);
                certificates.add(
                        (X509Certificate)
                                factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (IllegalArgumentException | CertificateException e) {
            throw Refusal.permanent("settings.extraCa.invalid");
        }
        if (certificates.isEmpty() || !pem.substring(end).isBlank()) {
            throw Refusal.permanent("settings.extraCa.invalid");
        }
        return new ExtraTrust(certificates);
    }

    List<X509Certificate> certificates() {
        return certificates;
    }

    /** A TLS context trusting the JDK's authorities and these certificates. */
    SSLContext context() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        for (int i = 0; i < certificates.size(); i++) {
            store.setCertificateEntry("extra-" + i, certificates.get(i));
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(
                null, new TrustManager[] {new Either(managerOf(null), managerOf(store))}, null);
        return context;
    }

    private static X509ExtendedTrustManager managerOf(KeyStore store)
            throws GeneralSecurityException {
        TrustManagerFactory f =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(store);
        return Arrays.stream(f.getTrustManagers())
                .filter(X509ExtendedTrustManager.class::isInstance)
                .map(X509ExtendedTrustManager.class::cast)
                .findFirst()
                .orElseThrow(() -> new GeneralSecurityException("no X.509 trust manager"));
    }

    /**
     * Trusts a server that either manager trusts. Both check the host name (the HTTP client asks
     * for endpoint identification); when both refuse, the reason given is the more telling one: a
     * host name mismatch of a chain the extra certificates anchor, else the JDK's.
     */
    private static final class Either extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager jdk;
        private final X509ExtendedTrustManager extra;

        Either(X509ExtendedTrustManager jdk, X509ExtendedTrustManager extra) {
            this.jdk = jdk;
            this.extra = extra;
        }

        private interface Check {
            void run(X509ExtendedTrustManager manager) throws CertificateException;
        }

        private void either(Check check) throws CertificateException {
            try {
                check.run(jdk);
            } catch (CertificateException first) {
                try {
                    check.run(extra);
                } catch (CertificateException second) {
                    throw isPathFailure(second) ? first : second;
                }
            }
        }

        private static boolean isPathFailure(Throwable t) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                if (c instanceof CertPathBuilderException
                        || c instanceof CertPathValidatorException) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            either(m -> m.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            either(m -> m.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
                throws CertificateException {
            either(m -> m.checkServerTrusted(chain, authType));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            jdk.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            jdk.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType)
                throws CertificateException {
            jdk.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return Stream.concat(
                            Arrays.stream(jdk.getAcceptedIssuers()),
                            Arrays.stream(extra.getAcceptedIssuers()))
                    .toArray(X509Certificate[]::new);
        }
    }
}
