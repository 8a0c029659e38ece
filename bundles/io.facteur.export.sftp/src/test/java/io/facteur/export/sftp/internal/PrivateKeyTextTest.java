package io.facteur.export.sftp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrivateKeyTextTest {
    private static final String PEM =
            "-----BEGIN RSA PRIVATE KEY-----\n"
                    + "Proc-Type: 4,ENCRYPTED\n"
                    + "DEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n"
                    + "\n"
                    + "A".repeat(64)
                    + "\n"
                    + "B".repeat(10)
                    + "\n"
                    + "-----END RSA PRIVATE KEY-----\n";

    @Test
    void aKeyWithLineBreaksIsKept() {
        assertThat(PrivateKeyText.normalize(PEM)).isEqualTo(PEM);
        assertThat(PrivateKeyText.normalize("")).isEmpty();
    }

    @Test
    void aKeyOnOneLineGetsItsLinesBack() {
        assertThat(PrivateKeyText.normalize(PEM.replace('\n', ' '))).isEqualTo(PEM);
        assertThat(PrivateKeyText.normalize(PEM.replace("\n", "\\n"))).isEqualTo(PEM);
        String openssh =
                "-----BEGIN OPENSSH PRIVATE KEY-----\n"
                        + "C".repeat(64)
                        + "\nDD\n-----END OPENSSH PRIVATE KEY-----\n";
        assertThat(PrivateKeyText.normalize(openssh.replace('\n', ' '))).isEqualTo(openssh);
    }
}
