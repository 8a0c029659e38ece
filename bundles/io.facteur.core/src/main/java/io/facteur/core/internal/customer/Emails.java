package io.facteur.core.internal.customer;

import java.util.regex.Pattern;

/**
 * What the directory accepts as an e-mail address: one addr-spec of printable ASCII, no display
 * name, no comments, nothing that could end or add a header. Channels check again before they send.
 */
public final class Emails {
    private static final Pattern ADDRESS =
            Pattern.compile(
                    "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    private Emails() {}

    /** True when {@code address} is one plain e-mail address of at most 254 characters. */
    public static boolean valid(String address) {
        return address != null
                && address.length() <= 254
                && ADDRESS.matcher(address).matches()
                && !address.contains("..");
    }
}
