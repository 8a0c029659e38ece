package io.facteur.export.sftp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jcraft.jsch.JSch;
import io.facteur.api.ConnectionTest;
import io.facteur.api.ExportException;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.security.PublicKey;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The connector against a real SFTP server: tests, sends, and each way a connection fails. */
class SftpConnectorTest {
    private static final byte[] CII = Corpus.bytes("cii/01.01a-INVOICE_uncefact.xml");

    @TempDir Path root;
    private SftpServer server;
    private final SftpConnector connector = new SftpConnector();

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(root.resolve("in"));
        server = SftpServer.start(root);
    }

    @AfterEach
    void stop() throws Exception {
        connector.close();
        server.close();
    }

    @Test
    void passwordLoginTestsTheFolderAndSendsTheFile() throws Exception {
        Map<String, Object> settings = Exports.settings(server);

        ConnectionTest result = connector.test(settings, Locale.ENGLISH);
        assertThat(result.success()).as(result.message()).isTrue();
        assertThat(result.message())
                .contains("127.0.0.1:" + server.port())
                .contains("facteur")
                .contains("/in");
        assertThat(server.files("in")).as("probe removed").isEmpty();

        String path = connector.send(Exports.export("k-0001-abcdefghij", "INV-1", CII, settings));

        assertThat(path).isEqualTo("in/INV-1.xml");
        assertThat(server.files("in")).containsExactly("INV-1.xml");
        assertThat(root.resolve("in/INV-1.xml")).hasBinaryContent(CII);
    }

    @Test
    void keyLoginWithAnEncryptedPemKey() throws Exception {
        com.jcraft.jsch.KeyPair pair =
                com.jcraft.jsch.KeyPair.genKeyPair(new JSch(), com.jcraft.jsch.KeyPair.RSA, 2048);
        ByteArrayOutputStream pem = new ByteArrayOutputStream();
        pair.writePrivateKey(pem, "key phrase".getBytes(StandardCharsets.UTF_8));
        PublicKey authorized = new ByteArrayBuffer(pair.getPublicKeyBlob()).getRawPublicKey();
        server.close();
        server = SftpServer.start(root, SftpServer.newHostKey(), authorized, null);
        Map<String, Object> settings = Exports.settings(server);
        settings.remove("password");
        String keyText = pem.toString(StandardCharsets.US_ASCII);
        assertThat(keyText).startsWith("-----BEGIN RSA PRIVATE KEY-----").contains("DEK-Info");
        // as pasted into the web console's one-line field
        settings.put("privateKey", keyText.replace('\n', ' '));
        settings.put("passphrase", "key phrase");

        ConnectionTest result = connector.test(settings, Locale.ENGLISH);
        assertThat(result.success()).as(result.message()).isTrue();
        connector.send(Exports.export("k-key-000000001", "INV-K", CII, settings));
        assertThat(root.resolve("in/INV-K.xml")).hasBinaryContent(CII);

        settings.put("passphrase", "wrong phrase");
        ConnectionTest wrong = connector.test(settings, Locale.ENGLISH);
        assertThat(wrong.success()).isFalse();
        assertThat(wrong.message()).contains("private key cannot be read");

        settings.put("passphrase", "key phrase");
        settings.put("password", "not the password");
        settings.put("privateKey", "");
        assertThat(connector.test(settings, Locale.ENGLISH).message())
                .contains("refused the login");
    }

    @Test
    void anUnconfirmedHostKeyIsShownForConfirmationAndNeverUsedBySend() throws Exception {
        Map<String, Object> settings = Exports.settings(server);
        settings.put("hostKey", "");

        ConnectionTest first = connector.test(settings, Locale.ENGLISH);

        assertThat(first.success()).isFalse();
        assertThat(first.confirm()).containsExactly(Map.entry("hostKey", server.fingerprint()));
        assertThat(first.message()).contains(server.fingerprint()).contains("not confirmed");
        assertThatThrownBy(
                        () ->
                                connector.send(
                                        Exports.export("k-unconfirmed-1", "INV-U", CII, settings)))
                .isInstanceOfSatisfying(
                        ExportException.class, e -> assertThat(e.transientFailure()).isFalse())
                .hasMessageContaining("not confirmed");
        assertThat(server.files("in")).isEmpty();

        settings.putAll(first.confirm());
        ConnectionTest second = connector.test(settings, Locale.ENGLISH);
        assertThat(second.success()).as(second.message()).isTrue();
        assertThat(second.confirm()).isEmpty();

        // pasted without its prefix, with base64 padding: the same key
        settings.put("hostKey", server.fingerprint().substring("SHA256:".length()) + "=");
        assertThat(connector.test(settings, Locale.ENGLISH).success()).isTrue();
    }

    @Test
    void aChangedHostKeyFailsClosed() throws Exception {
        Map<String, Object> settings = Exports.settings(server);
        String confirmed = server.fingerprint();
        server.close();
        // the same address now answers with another key
        server = SftpServer.start(root);
        settings.put("port", server.port());
        settings.put("hostKey", confirmed);

        ConnectionTest result = connector.test(settings, Locale.ENGLISH);

        assertThat(result.success()).isFalse();
        assertThat(result.message())
                .contains("CHANGED")
                .contains(confirmed)
                .contains(server.fingerprint());
        assertThat(result.confirm()).containsExactly(Map.entry("hostKey", server.fingerprint()));
        assertThatThrownBy(
                        () ->
                                connector.send(
                                        Exports.export("k-changed-0001", "INV-C", CII, settings)))
                .isInstanceOfSatisfying(
                        ExportException.class, e -> assertThat(e.transientFailure()).isFalse())
                .hasMessageContaining("CHANGED");
        assertThat(server.files("in")).isEmpty();
    }

    @Test
    void aWrongPasswordIsRefusedPermanently() {
        Map<String, Object> settings = Exports.settings(server);
        settings.put("password", "Tr0ub4dor-x");

        ConnectionTest result = connector.test(settings, Locale.FRENCH);

        assertThat(result.success()).isFalse();
        assertThat(result.message()).contains("a refusé la connexion").doesNotContain("Tr0ub4dor");
        assertThatThrownBy(
                        () ->
                                connector.send(
                                        Exports.export("k-wrong-00001", "INV-W", CII, settings)))
                .isInstanceOfSatisfying(
                        ExportException.class, e -> assertThat(e.transientFailure()).isFalse())
                .hasMessageContaining("refused the login")
                .hasMessageNotContaining("Tr0ub4dor");
    }

    @Test
    void aClosedPortIsATransientFailure() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, Object> settings = Exports.settings(server);
        settings.put("port", port);

        ConnectionTest result = connector.test(settings, Locale.GERMAN);

        assertThat(result.success()).isFalse();
        assertThat(result.message()).contains("Keine Verbindung zu 127.0.0.1:" + port);
        assertThatThrownBy(
                        () ->
                                connector.send(
                                        Exports.export("k-closed-00001", "INV-P", CII, settings)))
                .isInstanceOfSatisfying(
                        ExportException.class, e -> assertThat(e.transientFailure()).isTrue())
                .hasMessageContaining("refused");
    }

    @Test
    void aSilentServerTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor =
                    new Thread(
                            () -> {
                                try (Socket s = silent.accept()) {
                                    Thread.sleep(10_000);
                                } catch (Exception e) {
                                    // closed by the test
                                }
                            });
            acceptor.setDaemon(true);
            acceptor.start();
            Map<String, Object> settings = Exports.settings(server);
            settings.put("port", silent.getLocalPort());
            settings.put("timeoutSeconds", "1");
            long start = System.nanoTime();

            ConnectionTest result = connector.test(settings, Locale.ENGLISH);

            assertThat(result.success()).isFalse();
            assertThat(result.message()).contains("No answer").contains("within 1 seconds");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5000);
        }
    }

    @Test
    void anUnknownHostIsNamed() {
        Map<String, Object> settings = Exports.settings(server);
        settings.put("host", "no-such-host.invalid");

        ConnectionTest result = connector.test(settings, Locale.ENGLISH);

        assertThat(result.success()).isFalse();
        assertThat(result.message()).contains("Unknown host no-such-host.invalid");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "../x",
                "{unknown}",
                "a/b",
                "{number",
                "number}",
                ".{number}",
                "{number}\\x"
            })
    void aBadTemplateFailsTheTestAndTheSend(String template) {
        Map<String, Object> settings = Exports.settings(server);
        settings.put("fileNameTemplate", template);

        ConnectionTest result = connector.test(settings, Locale.ENGLISH);

        assertThat(result.success()).isFalse();
        assertThat(result.message()).startsWith("Invalid file name template");
        assertThatThrownBy(
                        () ->
                                connector.send(
                                        Exports.export("k-template-0001", "INV-T", CII, settings)))
                .isInstanceOfSatisfying(
                        ExportException.class, e -> assertThat(e.transientFailure()).isFalse())
                .hasMessageStartingWith("Invalid file name template");
    }

    @Test
    void templatePlaceholdersAreCleaned() throws Exception {
        Map<String, Object> settings = Exports.settings(server);
        settings.put("fileNameTemplate", "{date}_{seller}_{type}_{number}.{format}.{ext}");

        String path = connector.send(Exports.export("k-names-000001", "F 2026/07", CII, settings));

        assertThat(path).isEqualTo("in/2026-03-14_Muller___Sohne_GmbH_380_F_2026_07.original.xml");
        assertThat(server.files("in"))
                .containsExactly("2026-03-14_Muller___Sohne_GmbH_380_F_2026_07.original.xml");
    }

    @Test
    void aMissingDirectoryIsNamed() {
        Map<String, Object> settings = Exports.settings(server);
        settings.put("remoteDirectory", "/nowhere");

        ConnectionTest result = connector.test(settings, Locale.ENGLISH);

        assertThat(result.success()).isFalse();
        assertThat(result.message()).isEqualTo("The remote directory /nowhere does not exist.");
        assertThatThrownBy(
                        () ->
                                connector.send(
                                        Exports.export("k-nodir-000001", "INV-D", CII, settings)))
                .isInstanceOfSatisfying(
                        ExportException.class, e -> assertThat(e.transientFailure()).isFalse())
                .hasMessageContaining("/nowhere does not exist");
    }

    @Test
    void aReadOnlyDirectoryIsPermissionDenied() throws Exception {
        server.close();
        SftpFileSystemAccessor readOnly =
                new SftpFileSystemAccessor() {
                    @Override
                    public SeekableByteChannel openFile(
                            SftpSubsystemProxy subsystem,
                            FileHandle fileHandle,
                            Path file,
                            String handle,
                            Set<? extends OpenOption> options,
                            FileAttribute<?>... attrs)
                            throws java.io.IOException {
                        if (options.contains(StandardOpenOption.WRITE)) {
                            throw new AccessDeniedException(file.toString());
                        }
                        return SftpFileSystemAccessor.super.openFile(
                                subsystem, fileHandle, file, handle, options, attrs);
                    }
                };
        server = SftpServer.start(root, SftpServer.newHostKey(), null, readOnly);
        Map<String, Object> settings = Exports.settings(server);

        ConnectionTest result = connector.test(settings, Locale.ENGLISH);

        assertThat(result.success()).isFalse();
        assertThat(result.message())
                .startsWith("Permission denied on the server for in/.facteur-probe-");
        assertThatThrownBy(
                        () ->
                                connector.send(
                                        Exports.export("k-denied-00001", "INV-R", CII, settings)))
                .isInstanceOfSatisfying(
                        ExportException.class, e -> assertThat(e.transientFailure()).isFalse())
                .hasMessage("Permission denied on the server for in/INV-R.xml.");
        assertThat(server.files("in")).isEmpty();
    }

    @Test
    void missingCredentialsOrHostAreSettingsErrors() {
        Map<String, Object> settings = Exports.settings(server);
        settings.remove("password");
        assertThat(connector.test(settings, Locale.ENGLISH).message())
                .startsWith("Invalid SFTP setting: password / privateKey");
        settings.put("password", "x");
        settings.put("host", "");
        assertThat(connector.test(settings, Locale.FRENCH).message())
                .startsWith("Réglage SFTP invalide : host");
        settings.put("host", "127.0.0.1");
        settings.put("port", 70000);
        assertThat(connector.test(settings, Locale.ENGLISH).message())
                .startsWith("Invalid SFTP setting: port");
        settings.put("port", String.valueOf(server.port()));
        settings.put("hostKey", "MD5:aa:bb");
        assertThat(connector.test(settings, Locale.ENGLISH).message())
                .startsWith("Invalid SFTP setting: hostKey");
    }
}
