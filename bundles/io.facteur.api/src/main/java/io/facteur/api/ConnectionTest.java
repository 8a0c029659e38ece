package io.facteur.api;

import java.util.Map;

/**
 * The result of testing a connection before it is switched on.
 *
 * @param success whether the endpoint answered as expected
 * @param message what was found, in the admin's language: on failure, the reason a user can act on
 *     (host unreachable, wrong password, host key not confirmed)
 * @param confirm settings the admin is asked to confirm before the connection can succeed, such as
 *     the SSH host key the server presented ({@code hostKey} to its fingerprint); the admin stores
 *     them as settings of the connector (which then needs a new test); empty when none
 */
public record ConnectionTest(boolean success, String message, Map<String, String> confirm) {
    public ConnectionTest {
        message = message == null ? "" : message;
        confirm = confirm == null ? Map.of() : Map.copyOf(confirm);
    }

    /** A result with nothing to confirm. */
    public ConnectionTest(boolean success, String message) {
        this(success, message, Map.of());
    }
}
