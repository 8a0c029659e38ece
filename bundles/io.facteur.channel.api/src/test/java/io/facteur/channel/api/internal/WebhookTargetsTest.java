package io.facteur.channel.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookTargetsTest {
    private final WebhookTargets strict = new WebhookTargets(false, false);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://127.0.0.1/hook",
                "https://127.8.9.10/hook",
                "https://localhost:8443/hook",
                "https://10.1.2.3/",
                "https://172.16.0.1/",
                "https://172.31.255.255/",
                "https://192.168.1.1/",
                "https://169.254.169.254/latest/meta-data/",
                "https://100.64.0.1/",
                "https://0.0.0.0/",
                "https://224.0.0.1/",
                "https://255.255.255.255/",
                "https://[::1]/",
                "https://[::]/",
                "https://[fe80::1]/",
                "https://[fc00::1]/",
                "https://[fd12:3456::1]/",
                "https://[ff02::1]/",
                "https://[::ffff:127.0.0.1]/",
                "https://[::ffff:10.0.0.1]/",
                "https://[::127.0.0.1]/",
                "https://[64:ff9b::a9fe:a9fe]/",
                "https://[2002:c0a8:0101::1]/"
            })
    void refusesNonPublicTargets(String url) {
        assertThatThrownBy(() -> strict.accept(url))
                .isInstanceOf(WebhookTargets.Refused.class)
                .satisfies(
                        e ->
                                assertThat(((WebhookTargets.Refused) e).key)
                                        .isIn("url.private", "url.unknownHost"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://2130706433/", "https://0x7f.1/", "https://017700000001/"})
    void refusesNumericFormsOfLoopback(String url) {
        assertThatThrownBy(() -> strict.accept(url)).isInstanceOf(WebhookTargets.Refused.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://93.184.216.34/hook",
                "https://[2606:2800:220:1:248:1893:25c8:1946]/hook",
                "https://8.8.8.8:8443/events?x=1",
                "https://172.32.0.1/",
                "https://100.128.0.1/"
            })
    void acceptsPublicAddresses(String url) throws Exception {
        assertThat(strict.accept(url).toString()).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "not a url",
                "/relative/hook",
                "https://user:pw@93.184.216.34/",
                "https://93.184.216.34/#frag",
                "https:///nohost"
            })
    void refusesMalformedUrls(String url) {
        assertThatThrownBy(() -> strict.accept(url))
                .isInstanceOf(WebhookTargets.Refused.class)
                .extracting(e -> ((WebhookTargets.Refused) e).key)
                .isEqualTo("url.malformed");
    }

    @Test
    void refusesHttpAndOtherSchemesUnlessHttpIsAllowed() throws Exception {
        assertThatThrownBy(() -> strict.accept("http://93.184.216.34/"))
                .extracting(e -> ((WebhookTargets.Refused) e).key)
                .isEqualTo("url.scheme");
        assertThatThrownBy(() -> strict.accept("ftp://93.184.216.34/"))
                .extracting(e -> ((WebhookTargets.Refused) e).key)
                .isEqualTo("url.scheme");
        assertThatThrownBy(() -> strict.accept("file:///etc/passwd"))
                .isInstanceOf(WebhookTargets.Refused.class);
        WebhookTargets http = new WebhookTargets(true, false);
        assertThat(http.accept("http://93.184.216.34/").getScheme()).isEqualTo("http");
        assertThatThrownBy(() -> http.accept("gopher://93.184.216.34/"))
                .extracting(e -> ((WebhookTargets.Refused) e).key)
                .isEqualTo("url.schemeHttp");
        assertThatThrownBy(() -> http.accept("http://127.0.0.1/"))
                .extracting(e -> ((WebhookTargets.Refused) e).key)
                .isEqualTo("url.private");
    }

    @Test
    void privateTargetsPassOnlyWhenAllowed() throws Exception {
        WebhookTargets open = new WebhookTargets(true, true);
        assertThat(open.accept("http://127.0.0.1:8080/hook").getPort()).isEqualTo(8080);
        assertThat(open.accept("https://[::1]/hook").getHost()).isEqualTo("[::1]");
    }

    @Test
    void refusesUnknownHostsAndOverlongUrls() {
        assertThatThrownBy(() -> strict.accept("https://no-such-host.invalid/hook"))
                .extracting(e -> ((WebhookTargets.Refused) e).key)
                .isEqualTo("url.unknownHost");
        assertThatThrownBy(() -> strict.accept("https://93.184.216.34/" + "a".repeat(2048)))
                .extracting(e -> ((WebhookTargets.Refused) e).key)
                .isEqualTo("url.tooLong");
    }
}
