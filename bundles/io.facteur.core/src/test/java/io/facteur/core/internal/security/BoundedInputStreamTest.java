package io.facteur.core.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class BoundedInputStreamTest {
    private static final byte[] TEN = "0123456789".getBytes();

    @Test
    void passesABodyUpToTheLimit() throws Exception {
        assertThat(bounded(TEN, 10).readAllBytes()).isEqualTo(TEN);
        assertThat(bounded(TEN, 11).readAllBytes()).isEqualTo(TEN);
    }

    @Test
    void failsWithTheGivenExceptionPastTheLimitWhenReadByArrays() {
        assertThatThrownBy(() -> bounded(TEN, 9).readAllBytes()).isInstanceOf(TooLarge.class);
    }

    @Test
    void failsWithTheGivenExceptionPastTheLimitWhenReadByteByByte() throws Exception {
        InputStream in = bounded(TEN, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(in.read()).isEqualTo(TEN[i]);
        }

        assertThatThrownBy(in::read).isInstanceOf(TooLarge.class);
    }

    @Test
    void countsBothKindsOfReadTogether() throws Exception {
        InputStream in = bounded(TEN, 5);
        assertThat(in.read()).isEqualTo('0');
        assertThat(in.read(new byte[4], 0, 4)).isEqualTo(4);

        assertThatThrownBy(in::read).isInstanceOf(TooLarge.class);
    }

    @Test
    void theEndOfAnEmptyBodyIsNotCounted() throws Exception {
        InputStream in = bounded(new byte[0], 0);

        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.read(new byte[8], 0, 8)).isEqualTo(-1);
    }

    private static InputStream bounded(byte[] body, long limit) {
        return new BoundedInputStream(new ByteArrayInputStream(body), limit, TooLarge::new);
    }

    private static final class TooLarge extends RuntimeException {}
}
