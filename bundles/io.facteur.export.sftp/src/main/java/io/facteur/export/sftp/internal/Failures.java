package io.facteur.export.sftp.internal;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SftpException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns what JSch threw into a {@link Reason}: the connection (host, key, authentication) by the
 * exception's causes and the host key check's outcome, SFTP answers by their status code.
 */
final class Failures {
    /** SFTP status codes of draft-ietf-secsh-filexfer-13 that JSch has no constant for. */
    static final int SSH_FX_NO_SUCH_PATH = 10;

    static final int SSH_FX_FILE_ALREADY_EXISTS = 11;
    static final int SSH_FX_NO_SPACE_ON_FILESYSTEM = 14;
    static final int SSH_FX_QUOTA_EXCEEDED = 15;
    static final int SSH_FX_NOT_A_DIRECTORY = 19;

    private static final int MAX_TEXT = 200;

    private Failures() {}

    /** Why opening a session or its SFTP channel failed. */
    static SftpProblem ofConnect(JSchException e, HostKeyPin pin, Endpoint endpoint) {
        String address = endpoint.host + ":" + endpoint.port;
        if (pin.refused()) {
            return pin.presented() != null && endpoint.hostKey.isEmpty()
                    ? new SftpProblem(Reason.HOST_KEY_UNCONFIRMED, e, address, pin.presented())
                    : new SftpProblem(
                            Reason.HOST_KEY_CHANGED, e, address, endpoint.hostKey, pin.presented());
        }
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = e; t != null && seen.put(t, true) == null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return new SftpProblem(Reason.UNKNOWN_HOST, e, endpoint.host);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new SftpProblem(Reason.CONNECTION_REFUSED, e, address);
            }
            if (t instanceof SocketTimeoutException || t instanceof InterruptedIOException) {
                return new SftpProblem(Reason.TIMEOUT, e, address, endpoint.timeoutSeconds);
            }
        }
        String message = lower(e.getMessage());
        if (message.contains("timeout") || message.contains("timed out")) {
            return new SftpProblem(Reason.TIMEOUT, e, address, endpoint.timeoutSeconds);
        }
        if (message.contains("invalid privatekey") || message.contains("privatekey")) {
            return new SftpProblem(Reason.PRIVATE_KEY, e);
        }
        if (pin.presented() != null && message.startsWith("auth")) {
            return new SftpProblem(Reason.AUTHENTICATION, e, endpoint.user, address);
        }
        return new SftpProblem(Reason.CONNECTION_LOST, e, address, text(e));
    }

    /** Why an SFTP operation on {@code path} failed; {@code connected} tells a drop apart. */
    static SftpProblem ofTransfer(SftpException e, boolean connected, String path) {
        switch (e.id) {
            case ChannelSftp.SSH_FX_NO_SUCH_FILE, SSH_FX_NO_SUCH_PATH:
                return new SftpProblem(Reason.NO_SUCH_DIRECTORY, e, parentOf(path));
            case SSH_FX_NOT_A_DIRECTORY:
                return new SftpProblem(Reason.NOT_A_DIRECTORY, e, parentOf(path));
            case ChannelSftp.SSH_FX_PERMISSION_DENIED:
                return new SftpProblem(Reason.PERMISSION_DENIED, e, path);
            case SSH_FX_NO_SPACE_ON_FILESYSTEM, SSH_FX_QUOTA_EXCEEDED:
                return new SftpProblem(Reason.DISK_FULL, e, path, text(e));
            case ChannelSftp.SSH_FX_OP_UNSUPPORTED:
                return new SftpProblem(Reason.UNSUPPORTED, e, text(e));
            default:
                break;
        }
        String message = lower(e.getMessage());
        if (message.contains("no space")
                || message.contains("quota")
                || message.contains("disk full")) {
            return new SftpProblem(Reason.DISK_FULL, e, path, text(e));
        }
        if (!connected
                || e.id == ChannelSftp.SSH_FX_NO_CONNECTION
                || e.id == ChannelSftp.SSH_FX_CONNECTION_LOST
                || e.getCause() != null) {
            return new SftpProblem(Reason.CONNECTION_LOST, e, path, text(e));
        }
        return new SftpProblem(Reason.SERVER_FAILURE, e, path, e.id, text(e));
    }

    /** The parent folder of a remote path, for a message. */
    static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "." : slash == 0 ? "/" : path.substring(0, slash);
    }

    /** A server's or library's text, cleaned and shortened for a message. */
    static String text(Throwable t) {
        String m = t.getMessage();
        return clean(m == null || m.isBlank() ? t.getClass().getSimpleName() : m);
    }

    /** A text from the server, without control characters, at most 200 characters. */
    static String clean(String text) {
        String m = text.replaceAll("\\p{Cntrl}", " ").strip();
        return m.length() > MAX_TEXT ? m.substring(0, MAX_TEXT) + "..." : m;
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
