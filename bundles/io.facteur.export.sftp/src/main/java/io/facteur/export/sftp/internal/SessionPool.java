package io.facteur.export.sftp.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Authenticated SFTP links kept between sends, per {@link Endpoint.PoolKey} (host, port, user,
 * credentials' hash, confirmed host key): a send borrows one for itself and gives it back; links
 * idle for longer than the idle time are closed by {@link #closeIdle()}, all of them by {@link
 * #close()}.
 */
final class SessionPool implements AutoCloseable {
    /** At most this many idle links per key; more are closed when given back. */
    static final int MAX_IDLE_PER_KEY = 8;

    private final long idleNanos;
    private final Map<Endpoint.PoolKey, Deque<SftpLink>> idle = new HashMap<>();
    private boolean closed;

    SessionPool(long idleTime, TimeUnit unit) {
        this.idleNanos = unit.toNanos(idleTime);
    }

    /** An open idle link of this endpoint, or null when there is none. */
    SftpLink borrow(Endpoint.PoolKey key) {
        List<SftpLink> stale = new ArrayList<>();
        SftpLink found = null;
        synchronized (this) {
            Deque<SftpLink> links = idle.get(key);
            while (links != null && !links.isEmpty() && found == null) {
                SftpLink link = links.pollFirst();
                if (link.isOpen()) {
                    found = link;
                } else {
                    stale.add(link);
                }
            }
        }
        stale.forEach(SftpLink::close);
        return found;
    }

    /** Gives a link back for the next send; a broken one, or one too many, is closed. */
    void giveBack(Endpoint.PoolKey key, SftpLink link) {
        boolean keep = false;
        if (link.isOpen()) {
            synchronized (this) {
                Deque<SftpLink> links = idle.computeIfAbsent(key, k -> new ArrayDeque<>());
                if (!closed && links.size() < MAX_IDLE_PER_KEY) {
                    links.addFirst(link);
                    keep = true;
                }
            }
        }
        if (!keep) {
            link.close();
        }
    }

    /** Closes the links idle for longer than the idle time, and the broken ones. */
    void closeIdle() {
        List<SftpLink> gone = new ArrayList<>();
        synchronized (this) {
            Iterator<Deque<SftpLink>> keys = idle.values().iterator();
            while (keys.hasNext()) {
                Deque<SftpLink> links = keys.next();
                links.removeIf(
                        link -> {
                            boolean old = link.idleFor(idleNanos) || !link.isOpen();
                            if (old) {
                                gone.add(link);
                            }
                            return old;
                        });
                if (links.isEmpty()) {
                    keys.remove();
                }
            }
        }
        gone.forEach(SftpLink::close);
    }

    /** How many links wait for a send. */
    synchronized int idleCount() {
        return idle.values().stream().mapToInt(Deque::size).sum();
    }

    /** Closes every idle link; links given back later are closed at once. */
    @Override
    public void close() {
        List<SftpLink> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            idle.values().forEach(all::addAll);
            idle.clear();
        }
        all.forEach(SftpLink::close);
    }
}
