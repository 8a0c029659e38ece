package io.facteur.export.http.internal;

import io.facteur.api.net.TargetAddresses;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Whether an endpoint's host may be called (against server-side request forgery): every address its
 * name resolves to must be on the public internet, unless the connector allows private targets.
 * Checked by every test and every send, right before the request.
 */
final class Targets {
    private Targets() {}

    static void check(Endpoint endpoint) throws Refusal {
        String host = endpoint.url().getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException | SecurityException e) {
            throw new Refusal("url.unknownHost", true, null, SettingValues.shown(host));
        }
        if (endpoint.allowPrivateTargets()) {
            return;
        }
        for (InetAddress address : addresses) {
            TargetAddresses.Scope scope = TargetAddresses.scope(address);
            if (!scope.isPublic()) {
                throw Refusal.permanent(
                        "url.refused." + scope.name(),
                        SettingValues.shown(host),
                        address.getHostAddress());
            }
        }
    }
}
