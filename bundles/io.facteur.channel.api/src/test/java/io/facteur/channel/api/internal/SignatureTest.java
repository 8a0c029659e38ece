package io.facteur.channel.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignatureTest {
    private static final byte[] BODY =
            "{\"id\":\"evt_1\",\"status\":\"READY\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void isTheHmacThatOpensslComputesOverTimestampDotBody() {
        // printf '1700000000.{"id":"evt_1","status":"READY"}' | openssl dgst -sha256 -hmac
        // whsec_test
        assertThat(Signature.header("whsec_test", 1_700_000_000L, BODY))
                .isEqualTo(
                        "t=1700000000,v1=97e623ca1daaadb9bd0ea5916aa9f73ff982e849bdb65f8d15d8cd5459b2f424");
    }

    @Test
    void changesWithTheSecretTheTimeAndEveryByteOfTheBody() {
        String signed = Signature.hex("whsec_test", 1_700_000_000L, BODY);
        byte[] altered = BODY.clone();
        altered[altered.length - 3] ^= 1;
        assertThat(Signature.hex("whsec_other", 1_700_000_000L, BODY)).isNotEqualTo(signed);
        assertThat(Signature.hex("whsec_test", 1_700_000_001L, BODY)).isNotEqualTo(signed);
        assertThat(Signature.hex("whsec_test", 1_700_000_000L, altered)).isNotEqualTo(signed);
    }
}
