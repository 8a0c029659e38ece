package io.facteur.api.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.facteur.api.net.TargetAddresses.Scope;
import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetAddressesTest {
    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, LOOPBACK",
        "127.8.9.10, LOOPBACK",
        "::1, LOOPBACK",
        "10.0.0.1, PRIVATE",
        "172.16.0.1, PRIVATE",
        "172.31.255.255, PRIVATE",
        "192.168.1.1, PRIVATE",
        "fc00::1, PRIVATE",
        "fd12:3456::1, PRIVATE",
        "fec0::1, PRIVATE",
        "169.254.169.254, LINK_LOCAL",
        "fe80::1, LINK_LOCAL",
        "febf::1, LINK_LOCAL",
        "100.64.0.1, SHARED",
        "100.127.255.255, SHARED",
        "0.0.0.0, UNSPECIFIED",
        "0.1.2.3, UNSPECIFIED",
        "::, UNSPECIFIED",
        "224.0.0.1, MULTICAST",
        "239.255.255.255, MULTICAST",
        "ff02::1, MULTICAST",
        "255.255.255.255, RESERVED",
        "240.0.0.1, RESERVED",
        "192.0.0.8, RESERVED",
        "198.18.0.1, RESERVED",
        "::ffff:127.0.0.1, LOOPBACK",
        "::ffff:10.0.0.1, PRIVATE",
        "::ffff:169.254.169.254, LINK_LOCAL",
        "::127.0.0.1, LOOPBACK",
        "::169.254.169.254, LINK_LOCAL",
        "64:ff9b::a9fe:a9fe, LINK_LOCAL",
        "64:ff9b::7f00:1, LOOPBACK",
        "2002:c0a8:0101::1, PRIVATE",
        "2002:7f00:1::1, LOOPBACK"
    })
    void classifiesNonPublicAddresses(String address, Scope scope) throws Exception {
        InetAddress a = InetAddress.getByName(address);
        assertThat(TargetAddresses.scope(a)).as(address).isEqualTo(scope);
        assertThat(TargetAddresses.isPublic(a)).as(address).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "93.184.216.34",
                "8.8.8.8",
                "172.32.0.1",
                "172.15.255.255",
                "100.128.0.1",
                "100.63.255.255",
                "169.253.0.1",
                "192.169.0.1",
                "223.255.255.255",
                "2606:2800:220:1:248:1893:25c8:1946",
                "::ffff:8.8.8.8",
                "64:ff9b::808:808",
                "2002:0808:0808::1",
                "fe00::1"
            })
    void acceptsPublicAddresses(String address) throws Exception {
        InetAddress a = InetAddress.getByName(address);
        assertThat(TargetAddresses.scope(a)).as(address).isEqualTo(Scope.PUBLIC);
        assertThat(TargetAddresses.isPublic(a)).as(address).isTrue();
    }
}
