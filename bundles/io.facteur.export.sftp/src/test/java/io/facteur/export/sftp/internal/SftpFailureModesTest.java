package io.facteur.export.sftp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.facteur.api.ExportException;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.sftp.SftpModuleProperties;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads that fail half-way (full disk, dropped connection), retries and replays, concurrency and
 * the session pool, against a real SFTP server whose writes the test controls.
 */
class SftpFailureModesTest {
    /** What the server does on the next writes; null: write normally. */
    private final AtomicReference<Channels.WriteHook> failure = new AtomicReference<>();

    @TempDir Path root;
    private SftpServer server;
    private SftpConnector connector = new SftpConnector();
    private Map<String, Object> settings;

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(root.resolve("in"));
        server = SftpServer.start(root, SftpServer.newHostKey(), null, accessor());
        settings = Exports.settings(server);
    }

    private SftpFileSystemAccessor accessor() {
        return new SftpFileSystemAccessor() {
            @Override
            public SeekableByteChannel openFile(
                    SftpSubsystemProxy subsystem,
                    FileHandle fileHandle,
                    Path file,
                    String handle,
                    Set<? extends OpenOption> options,
                    FileAttribute<?>... attrs)
                    throws IOException {
                SeekableByteChannel channel =
                        SftpFileSystemAccessor.super.openFile(
                                subsystem, fileHandle, file, handle, options, attrs);
                Channels.WriteHook hook = failure.get();
                if (hook == null) {
                    return channel;
                }
                return Channels.hooked(
                        channel,
                        (written, size) -> {
                            if (hook == DROP) {
                                if (written + size > 64 * 1024) {
                                    subsystem.getServerSession().close(true);
                                    throw new IOException("connection dropped by the test");
                                }
                            } else {
                                hook.beforeWrite(written, size);
                            }
                        });
            }
        };
    }

    /** Marker hook: the server closes the session after 64 KiB of a file. */
    private static final Channels.WriteHook DROP = (written, size) -> {};

    @AfterEach
    void stop() throws Exception {
        connector.close();
        server.close();
    }

    private static byte[] content(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void aFullDiskIsTransientAndLeavesNoFile() throws Exception {
        // what the client sees: the status code the server chose (MINA passes an SftpException's
        // code; an IOException of the file system becomes SSH_FX_FAILURE "General failure", as
        // OpenSSH answers ENOSPC to a version 3 client)
        Map<IOException, Integer> statuses =
                Map.of(
                        new SftpException(
                                SftpConstants.SSH_FX_NO_SPACE_ON_FILESYSTEM,
                                "No space left on device"),
                        14,
                        new SftpException(SftpConstants.SSH_FX_QUOTA_EXCEEDED, "Quota exceeded"),
                        15,
                        new IOException("No space left on device"),
                        4);
        for (Map.Entry<IOException, Integer> full : statuses.entrySet()) {
            failure.set(
                    (written, size) -> {
                        throw full.getKey();
                    });
            ExportException e =
                    catchThrowableOfType(
                            ExportException.class,
                            () ->
                                    connector.send(
                                            Exports.export(
                                                    "k-full-0000001",
                                                    "INV-F",
                                                    content(10_000, 1),
                                                    settings)));
            com.jcraft.jsch.SftpException seen =
                    (com.jcraft.jsch.SftpException) e.getCause().getCause();
            assertThat(seen.id).isEqualTo(full.getValue());
            assertThat(e.transientFailure()).isTrue();
            assertThat(e.getMessage())
                    .startsWith(
                            full.getValue() == 4
                                    ? "The server failed on in/INV-F.xml (SFTP status 4)"
                                    : "The server has no space left (disk full or quota"
                                            + " exceeded) for in/INV-F.xml");
            assertThat(server.files("in")).as("no final file, temporary file removed").isEmpty();
        }

        failure.set(null);
        byte[] bytes = content(10_000, 3);
        connector.send(Exports.export("k-full-0000001", "INV-F", bytes, settings));
        assertThat(server.files("in")).containsExactly("INV-F.xml");
        assertThat(root.resolve("in/INV-F.xml")).hasBinaryContent(bytes);
    }

    @Test
    void aConnectionDroppedMidUploadLeavesNoFinalFileAndTheRetryLeavesOne() throws Exception {
        byte[] bytes = content(300_000, 4);
        failure.set(DROP);

        assertThatThrownBy(
                        () ->
                                connector.send(
                                        Exports.export(
                                                "k-drop-00000001", "INV-D", bytes, settings)))
                .isInstanceOfSatisfying(
                        ExportException.class, e -> assertThat(e.transientFailure()).isTrue())
                .hasMessageStartingWith("The connection to the SFTP server was lost");
        // the part written before the drop, under its temporary name only
        assertThat(server.files("in")).singleElement().isEqualTo(".INV-D.xml.k-drop-00000.part");
        assertThat(Files.size(root.resolve("in/.INV-D.xml.k-drop-00000.part")))
                .isBetween(1L, 64L * 1024);

        failure.set(null);
        String path = connector.send(Exports.export("k-drop-00000001", "INV-D", bytes, settings));

        assertThat(path).isEqualTo("in/INV-D.xml");
        assertThat(server.files("in")).containsExactly("INV-D.xml");
        assertThat(root.resolve("in/INV-D.xml")).hasBinaryContent(bytes);
    }

    @Test
    void theSameExportSentTwiceGivesOneFile() throws Exception {
        byte[] first = content(5_000, 5);
        connector.send(Exports.export("k-twice-0000001", "INV-2", first, settings));
        connector.send(Exports.export("k-twice-0000001", "INV-2", first, settings));
        assertThat(server.files("in")).containsExactly("INV-2.xml");

        // a replay with other bytes replaces the file
        byte[] second = content(7_000, 6);
        connector.send(Exports.export("k-twice-0000002", "INV-2", second, settings));
        assertThat(server.files("in")).containsExactly("INV-2.xml");
        assertThat(root.resolve("in/INV-2.xml")).hasBinaryContent(second);
    }

    @Test
    void withoutPosixRenameAnExistingFileIsRemovedThenReplaced() throws Exception {
        server.close();
        server = SftpServer.start(root, SftpServer.newHostKey(), null, accessor());
        SftpModuleProperties.OPENSSH_EXTENSIONS.set(server.sshd(), "fsync@openssh.com=1");
        settings = Exports.settings(server);

        connector.send(Exports.export("k-plain-0000001", "INV-3", content(100, 7), settings));
        byte[] second = content(200, 8);
        connector.send(Exports.export("k-plain-0000002", "INV-3", second, settings));

        assertThat(server.files("in")).containsExactly("INV-3.xml");
        assertThat(root.resolve("in/INV-3.xml")).hasBinaryContent(second);
    }

    @Test
    void eightThreadsSendAtOnceOverPooledSessions() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<String>> sent = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            String number = "INV-" + i;
            byte[] bytes = content(20_000 + i, i);
            sent.add(
                    threads.submit(
                            () ->
                                    connector.send(
                                            Exports.export(
                                                    "k-threads-"
                                                            + String.format(
                                                                    "%05d",
                                                                    Integer.parseInt(
                                                                            number.substring(4))),
                                                    number,
                                                    bytes,
                                                    settings))));
        }
        for (Future<String> f : sent) {
            assertThat(f.get(60, TimeUnit.SECONDS)).startsWith("in/INV-");
        }
        threads.shutdown();

        assertThat(server.files("in")).hasSize(80).allMatch(n -> n.matches("INV-\\d+\\.xml"));
        assertThat(root.resolve("in/INV-17.xml")).hasBinaryContent(content(20_017, 17));
        assertThat(connector.idleSessions()).isBetween(1, SessionPool.MAX_IDLE_PER_KEY);
        assertThat(server.sshd().getActiveSessions().size()).isLessThanOrEqualTo(8);
    }

    @Test
    void sessionsAreReusedThenClosedWhenIdleOrBrokenAndOnDeactivation() throws Exception {
        connector.close();
        connector = new SftpConnector(1, TimeUnit.SECONDS);
        connector.send(Exports.export("k-pool-00000001", "INV-P1", content(100, 9), settings));
        connector.send(Exports.export("k-pool-00000002", "INV-P2", content(100, 10), settings));
        assertThat(connector.idleSessions()).isEqualTo(1);
        assertThat(server.sshd().getActiveSessions()).hasSize(1);

        // the server drops the kept session: the next send gets a new one
        server.sshd().getActiveSessions().forEach(s -> s.close(true));
        connector.send(Exports.export("k-pool-00000003", "INV-P3", content(100, 11), settings));
        assertThat(server.files("in")).containsExactly("INV-P1.xml", "INV-P2.xml", "INV-P3.xml");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (connector.idleSessions() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(connector.idleSessions()).as("closed after 1 s idle").isZero();

        connector.send(Exports.export("k-pool-00000004", "INV-P4", content(100, 12), settings));
        assertThat(connector.idleSessions()).isEqualTo(1);
        connector.close();
        assertThat(connector.idleSessions()).isZero();
    }
}
