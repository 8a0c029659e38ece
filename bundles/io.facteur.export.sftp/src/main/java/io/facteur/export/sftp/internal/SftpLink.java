package io.facteur.export.sftp.internal;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/**
 * One authenticated SSH session with its SFTP channel, used by one thread at a time: uploads a file
 * under a temporary name and renames it into place, so that the receiver never sees a partial file
 * and a repeated upload replaces the earlier one.
 */
final class SftpLink implements AutoCloseable {
    private static final String POSIX_RENAME = "posix-rename@openssh.com";

    private final Session session;
    private final ChannelSftp channel;
    private final boolean posixRename;
    private volatile long lastUsed = System.nanoTime();

    private SftpLink(Session session, ChannelSftp channel) {
        this.session = session;
        this.channel = channel;
        this.posixRename = "1".equals(channel.getExtension(POSIX_RENAME));
    }

    /** Connects, checks the host key against the confirmed one, authenticates, opens SFTP. */
    static SftpLink open(Endpoint endpoint) throws SftpProblem {
        JSch jsch = new JSch();
        if (!endpoint.privateKey.isBlank()) {
            try {
                jsch.addIdentity(
                        "facteur",
                        endpoint.privateKey.getBytes(StandardCharsets.UTF_8),
                        null,
                        endpoint.passphrase.isEmpty()
                                ? null
                                : endpoint.passphrase.getBytes(StandardCharsets.UTF_8));
            } catch (JSchException e) {
                throw new SftpProblem(Reason.PRIVATE_KEY, e);
            }
        }
        HostKeyPin pin = new HostKeyPin(endpoint.hostKey);
        Session session = null;
        try {
            session = jsch.getSession(endpoint.user, endpoint.host, endpoint.port);
            session.setHostKeyRepository(pin);
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("PreferredAuthentications", authentications(endpoint));
            if (!endpoint.password.isEmpty()) {
                session.setPassword(endpoint.password);
            }
            session.setTimeout(endpoint.timeoutMillis());
            session.connect(endpoint.timeoutMillis());
            ChannelSftp channel = (ChannelSftp) session.openChannel("sftp");
            channel.connect(endpoint.timeoutMillis());
            return new SftpLink(session, channel);
        } catch (JSchException e) {
            if (session != null) {
                session.disconnect();
            }
            throw Failures.ofConnect(e, pin, endpoint);
        }
    }

    private static String authentications(Endpoint endpoint) {
        boolean key = !endpoint.privateKey.isBlank();
        boolean password = !endpoint.password.isEmpty();
        if (key && password) {
            return "publickey,keyboard-interactive,password";
        }
        return key ? "publickey" : "keyboard-interactive,password";
    }

    /**
     * Writes {@code content} to {@code tempName}, then renames it to {@code finalName} (both in
     * {@code endpoint}'s directory), replacing a file of that name.
     *
     * @return the remote path of the file
     */
    String upload(Endpoint endpoint, String finalName, String tempName, byte[] content)
            throws SftpProblem {
        touch();
        String temp = endpoint.pathOf(tempName);
        String target = endpoint.pathOf(finalName);
        try {
            channel.put(new ByteArrayInputStream(content), temp, ChannelSftp.OVERWRITE);
            rename(temp, target);
            return target;
        } catch (SftpException e) {
            SftpProblem problem = Failures.ofTransfer(e, isOpen(), target);
            removeQuietly(temp);
            throw problem;
        } finally {
            touch();
        }
    }

    private void rename(String from, String to) throws SftpException {
        if (posixRename) {
            channel.rename(from, to);
            return;
        }
        try {
            channel.rename(from, to);
        } catch (SftpException e) {
            if (!exists(to)) {
                throw e;
            }
            channel.rm(to);
            channel.rename(from, to);
        }
    }

    /**
     * Checks that the directory exists and takes a file: writes and removes {@code probeName}.
     *
     * @return the directory's absolute path as the server names it
     */
    String probe(Endpoint endpoint, String probeName) throws SftpProblem {
        String directory = endpoint.remoteDirectory;
        String probe = endpoint.pathOf(probeName);
        try {
            SftpATTRS attributes = channel.stat(directory);
            if (!attributes.isDir()) {
                throw new SftpProblem(Reason.NOT_A_DIRECTORY, directory);
            }
        } catch (SftpException e) {
            throw Failures.ofTransfer(e, isOpen(), endpoint.pathOf("x"));
        }
        try {
            byte[] text = "Facteur connection test\n".getBytes(StandardCharsets.US_ASCII);
            channel.put(new ByteArrayInputStream(text), probe, ChannelSftp.OVERWRITE);
            channel.rm(probe);
            return channel.realpath(directory);
        } catch (SftpException e) {
            SftpProblem problem = Failures.ofTransfer(e, isOpen(), probe);
            removeQuietly(probe);
            throw problem;
        }
    }

    private boolean exists(String path) {
        try {
            channel.lstat(path);
            return true;
        } catch (SftpException e) {
            return false;
        }
    }

    private void removeQuietly(String path) {
        if (!isOpen()) {
            return;
        }
        try {
            channel.rm(path);
        } catch (SftpException e) {
            // nothing written, or the server refuses: the next upload truncates it
        }
    }

    /** True while the session and its channel are up. */
    boolean isOpen() {
        return session.isConnected() && channel.isConnected() && !channel.isClosed();
    }

    /** True when nothing was done on it for at least {@code nanos}. */
    boolean idleFor(long nanos) {
        return System.nanoTime() - lastUsed >= nanos;
    }

    private void touch() {
        lastUsed = System.nanoTime();
    }

    @Override
    public void close() {
        channel.disconnect();
        session.disconnect();
    }
}
