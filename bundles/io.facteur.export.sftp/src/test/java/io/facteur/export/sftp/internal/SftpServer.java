package io.facteur.export.sftp.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/** A real SFTP server (Apache MINA SSHD) on a random local port, a folder as its root. */
final class SftpServer implements AutoCloseable {
    static final String USER = "facteur";
    static final String PASSWORD = "s3cret-Pa55";

    private final SshServer server;
    private final Path root;
    private final KeyPair hostKey;

    private SftpServer(
            Path root, KeyPair hostKey, PublicKey authorized, SftpFileSystemAccessor accessor)
            throws IOException {
        this.root = root;
        this.hostKey = hostKey;
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator(
                (user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        server.setPublickeyAuthenticator(
                (user, key, session) ->
                        USER.equals(user)
                                && authorized != null
                                && KeyUtils.compareKeys(authorized, key));
        SftpSubsystemFactory.Builder sftp = new SftpSubsystemFactory.Builder();
        if (accessor != null) {
            sftp.withFileSystemAccessor(accessor);
        }
        server.setSubsystemFactories(List.of(sftp.build()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.start();
    }

    static SftpServer start(Path root) throws Exception {
        return new SftpServer(root, newHostKey(), null, null);
    }

    static SftpServer start(
            Path root, KeyPair hostKey, PublicKey authorized, SftpFileSystemAccessor accessor)
            throws Exception {
        return new SftpServer(root, hostKey, authorized, accessor);
    }

    static KeyPair newHostKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    int port() {
        return server.getPort();
    }

    Path root() {
        return root;
    }

    SshServer sshd() {
        return server;
    }

    /** The host key's fingerprint as MINA (and OpenSSH) computes it. */
    String fingerprint() {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, hostKey.getPublic());
    }

    /** Names of the files in a folder of the root, sorted. */
    List<String> files(String folder) throws IOException {
        try (Stream<Path> files = Files.list(root.resolve(folder))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
