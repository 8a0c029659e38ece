package io.facteur.channel.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Authentication-Results (RFC 8601) as receiving servers write them. */
class SenderAuthenticationTest {
    private final SenderAuthentication topmost = new SenderAuthentication("");

    @Test
    void spfPassCountsWhenTheEnvelopeSenderIsOfTheFromDomain() {
        String h =
                "mx.facteur.test; spf=pass (sender IP is 192.0.2.1)"
                        + " smtp.mailfrom=billing@supplier.example smtp.helo=mail.supplier.example";
        assertThat(topmost.passed(new String[] {h}, "supplier.example")).isTrue();
        assertThat(topmost.passed(new String[] {h}, "other.example")).isFalse();
    }

    @Test
    void dkimPassCountsWithAnAlignedSigningDomain() {
        String h =
                "mx.facteur.test 1; dkim=pass (2048-bit key) header.d=supplier.example"
                        + " header.s=sel header.b=abcd; spf=softfail smtp.mailfrom=bounce@esp.example";
        assertThat(topmost.passed(new String[] {h}, "supplier.example")).isTrue();
        // a subdomain of the signing domain is aligned (relaxed), a parent or a public suffix is
        // not
        assertThat(topmost.passed(new String[] {h}, "billing.supplier.example")).isTrue();
        assertThat(topmost.passed(new String[] {h}, "example")).isFalse();
        assertThat(
                        topmost.passed(
                                new String[] {"mx; dkim=pass header.d=example"},
                                "supplier.example"))
                .isFalse();
        assertThat(
                        topmost.passed(
                                new String[] {"mx; dkim=pass header.i=@supplier.example"},
                                "supplier.example"))
                .isTrue();
    }

    @Test
    void failuresAndNeutralResultsDoNotCount() {
        for (String h :
                new String[] {
                    "mx; spf=fail smtp.mailfrom=a@supplier.example",
                    "mx; spf=softfail smtp.mailfrom=a@supplier.example",
                    "mx; dkim=fail header.d=supplier.example",
                    "mx; dkim=neutral header.d=supplier.example",
                    "mx; none",
                    "mx; dkim=pass (header.d=supplier.example) header.d=evil.example",
                    "mx; spf=\"pass\" smtp.mailfrom=a@evil.example"
                }) {
            assertThat(topmost.passed(new String[] {h}, "supplier.example")).as(h).isFalse();
        }
        assertThat(topmost.passed(null, "supplier.example")).isFalse();
    }

    @Test
    void onlyTheTopmostHeaderCountsByDefault() {
        // a forger writes a passing header; the receiving server adds its own on top
        String[] headers = {
            "mx.facteur.test; spf=fail smtp.mailfrom=a@supplier.example; dkim=none",
            "mx.facteur.test; spf=pass smtp.mailfrom=a@supplier.example"
        };
        assertThat(topmost.passed(headers, "supplier.example")).isFalse();
    }

    @Test
    void withAnAuthservIdOnlyThatServersHeadersCount() {
        SenderAuthentication ours = new SenderAuthentication("mx.facteur.test");
        String[] forged = {
            "relay.facteur.test; none", "mx.evil.example; spf=pass smtp.mailfrom=a@supplier.example"
        };
        assertThat(ours.passed(forged, "supplier.example")).isFalse();
        String[] real = {
            "relay.facteur.test; none", "MX.facteur.test; dkim=pass header.d=supplier.example"
        };
        assertThat(ours.passed(real, "supplier.example")).isTrue();
    }
}
