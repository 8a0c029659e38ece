package io.facteur.core.internal.security;

import java.security.Principal;
import java.util.Optional;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;

/**
 * Checks a user name and password against a Karaf JAAS realm (the one the web console and the shell
 * use), and tells whether the user holds the admin role.
 */
final class RealmAuthenticator {
    private final String realm;
    private final String adminRole;

    RealmAuthenticator(String realm, String adminRole) {
        this.realm = realm;
        this.adminRole = adminRole;
    }

    /** The caller (admin or not), or empty when the credentials are wrong. */
    Optional<Caller> login(String user, char[] password) {
        Subject subject = new Subject();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // JAAS loads Karaf's proxy login module through the context class loader
        thread.setContextClassLoader(RealmAuthenticator.class.getClassLoader());
        try {
            LoginContext context =
                    new LoginContext(
                            realm,
                            subject,
                            callbacks -> {
                                for (Callback callback : callbacks) {
                                    if (callback instanceof NameCallback n) {
                                        n.setName(user);
                                    } else if (callback instanceof PasswordCallback p) {
                                        p.setPassword(password);
                                    } else {
                                        throw new UnsupportedCallbackException(callback);
                                    }
                                }
                            });
            context.login();
            boolean admin = false;
            for (Principal p : subject.getPrincipals(RolePrincipal.class)) {
                admin |= adminRole.equals(p.getName());
            }
            context.logout();
            return Optional.of(new Caller(user, admin, Optional.empty()));
        } catch (LoginException e) {
            return Optional.empty();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The caller named by an {@code Authorization: Basic ...} header, or empty. */
    Optional<Caller> basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded =
                    new String(
                            java.util.Base64.getDecoder().decode(header.substring(6).strip()),
                            java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return login(decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray());
    }
}
