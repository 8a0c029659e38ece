package io.facteur.api.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Classifies an IP address by where it leads: the public internet, or one of the non-public ranges
 * (loopback, private, unique-local, link-local with the cloud metadata address, carrier-grade NAT,
 * multicast, unspecified, reserved), including such an IPv4 address inside an IPv6 form
 * (IPv4-mapped, IPv4-compatible, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}). Callers
 * resolve the host themselves and check every address it has.
 */
public final class TargetAddresses {
    /** Where an address leads. */
    public enum Scope {
        /** The public internet. */
        PUBLIC,
        /** This machine: 127/8, ::1. */
        LOOPBACK,
        /** A private network: 10/8, 172.16/12, 192.168/16, fc00::/7. */
        PRIVATE,
        /** The local link: 169.254/16 (with the cloud metadata address), fe80::/10. */
        LINK_LOCAL,
        /** Carrier-grade NAT, shared address space: 100.64/10. */
        SHARED,
        /** The unspecified address or "this network": 0/8, ::. */
        UNSPECIFIED,
        /** Multicast: 224/4, ff00::/8. */
        MULTICAST,
        /** Reserved or special purpose: 192.0.0/24, 198.18/15, 240/4, broadcast. */
        RESERVED;

        /** Whether an address of this scope is on the public internet. */
        public boolean isPublic() {
            return this == PUBLIC;
        }
    }

    private TargetAddresses() {}

    /** Whether the address is on the public internet. */
    public static boolean isPublic(InetAddress address) {
        return scope(address).isPublic();
    }

    /** Where the address leads; {@link Scope#RESERVED} for an address of an unknown kind. */
    public static Scope scope(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return scope4(b, 0);
        }
        if (!(address instanceof Inet6Address) || b.length != 16) {
            return Scope.RESERVED;
        }
        if (zero(b, 0, 16)) {
            return Scope.UNSPECIFIED;
        }
        if (zero(b, 0, 15) && b[15] == 1) {
            return Scope.LOOPBACK;
        }
        int first = b[0] & 0xff;
        if (first == 0xff) {
            return Scope.MULTICAST;
        }
        if ((first & 0xfe) == 0xfc) {
            return Scope.PRIVATE; // fc00::/7 unique local
        }
        if (first == 0xfe && (b[1] & 0xc0) == 0x80) {
            return Scope.LINK_LOCAL; // fe80::/10
        }
        if (first == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return Scope.PRIVATE; // fec0::/10, the former site-local
        }
        if (zero(b, 0, 10) && ((b[10] == 0 && b[11] == 0) || (b[10] == -1 && b[11] == -1))) {
            return scope4(b, 12); // IPv4-compatible, IPv4-mapped
        }
        if (first == 0x00
                && (b[1] & 0xff) == 0x64
                && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b
                && zero(b, 4, 12)) {
            return scope4(b, 12); // NAT64 64:ff9b::/96
        }
        if (first == 0x20 && (b[1] & 0xff) == 0x02) {
            return scope4(b, 2); // 6to4 2002::/16
        }
        return Scope.PUBLIC;
    }

    private static Scope scope4(byte[] b, int at) {
        int o1 = b[at] & 0xff;
        int o2 = b[at + 1] & 0xff;
        int o3 = b[at + 2] & 0xff;
        if (o1 == 0) {
            return Scope.UNSPECIFIED; // this network
        }
        if (o1 == 127) {
            return Scope.LOOPBACK;
        }
        if (o1 == 10 || (o1 == 172 && o2 >= 16 && o2 <= 31) || (o1 == 192 && o2 == 168)) {
            return Scope.PRIVATE;
        }
        if (o1 == 169 && o2 == 254) {
            return Scope.LINK_LOCAL;
        }
        if (o1 == 100 && o2 >= 64 && o2 <= 127) {
            return Scope.SHARED;
        }
        if (o1 >= 224 && o1 <= 239) {
            return Scope.MULTICAST;
        }
        if ((o1 == 192 && o2 == 0 && o3 == 0) // IETF protocol assignments
                || (o1 == 198 && (o2 == 18 || o2 == 19)) // benchmarking
                || o1 >= 240) { // reserved, broadcast
            return Scope.RESERVED;
        }
        return Scope.PUBLIC;
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
