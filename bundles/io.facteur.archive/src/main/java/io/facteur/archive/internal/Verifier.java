package io.facteur.archive.internal;

import io.facteur.api.Archive.IntegrityReport;
import io.facteur.api.Archive.Problem;
import io.facteur.api.Archive.ProblemKind;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Verifies the files of one dossier's archive, streaming: re-hashes every blob, walks the journal
 * chain, recomputes the seals' Merkle roots. Works on a live archive and on an unpacked export.
 * Memory is bounded by {@link #WINDOW} journal entries and the seal lines, whatever the archive
 * size.
 */
final class Verifier {
    /** How far out of order a journal line may be and still be matched with its neighbours. */
    static final int WINDOW = 4096;

    /** At most this many blobs are being hashed at once. */
    static final int IN_FLIGHT = 64;

    /** At most this many problems are listed. */
    static final int MAX_PROBLEMS = 10_000;

    private final Layout layout;
    private final List<Problem> problems = new ArrayList<>();
    private final Set<String> reported = new LinkedHashSet<>();
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final byte[] buffer = new byte[1 << 20];
    private final AtomicLong bytes = new AtomicLong();
    private long entries;
    private final Map<Long, String> unreadable = new LinkedHashMap<>();

    private record Seen(String entryHash, String documentId) {}

    private record Awaiting(String prevHash, String documentId, long seq) {}

    Verifier(Path dossierDir) {
        this.layout = new Layout(dossierDir);
    }

    /**
     * Verifies on the calling thread: the archive runs no thread of its own (a thread left behind
     * would pin the bundle at uninstall), and one thread already reads and hashes at the disk's
     * pace.
     */
    IntegrityReport run() throws IOException {
        return run(Runnable::run);
    }

    private IntegrityReport run(java.util.concurrent.Executor hashers) throws IOException {
        List<SealLine> seals = readSeals();
        long head = readHead();
        // entries by seq, bounded: for chain links and reorder detection
        LinkedHashMap<Long, Seen> window =
                new LinkedHashMap<>() {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<Long, Seen> eldest) {
                        return size() > WINDOW;
                    }
                };
        Map<Long, Awaiting> awaiting = new HashMap<>();
        TreeMap<Long, byte[]> pendingLeaves = new TreeMap<>();
        LinkedHashMap<Long, String> early = new LinkedHashMap<>();
        List<Long> missing = new ArrayList<>();
        long[] nextLeaf = {1};
        long maxSeq = 0;
        long lineNo = 0;
        SealCursor cursor = new SealCursor(seals);
        if (Files.exists(layout.journal())) {
            try (Lines lines = new Lines(layout.journal(), JournalLine.MAX_LINE)) {
                String text;
                while ((text = lines.next()) != null) {
                    lineNo++;
                    JournalLine line;
                    try {
                        if (lines.tooLong()) {
                            throw new IllegalArgumentException("line too long");
                        }
                        line = JournalLine.parse(text);
                    } catch (RuntimeException e) {
                        if (!lines.terminated()) {
                            continue; // a torn last line: reported once below
                        }
                        long at = seqOf(text);
                        String detail = "line " + lineNo + ": " + e.getMessage();
                        if (at > 0 && unreadable.size() < MAX_PROBLEMS) {
                            unreadable.put(at, detail); // named from the references at the end
                        } else {
                            add(
                                    ProblemKind.BAD_ENTRY,
                                    JournalLine.guessDocumentId(text),
                                    -1,
                                    detail);
                        }
                        continue;
                    }
                    entries++;
                    long seq = line.seq();
                    if (!line.hashValid()) {
                        add(ProblemKind.BROKEN_CHAIN, line.documentId(), seq, "entryHash");
                    }
                    if (window.containsKey(seq) || seq < nextLeaf[0]) {
                        add(ProblemKind.REORDERED, line.documentId(), seq, "duplicate seq");
                        continue;
                    }
                    if (seq < maxSeq) {
                        add(ProblemKind.REORDERED, line.documentId(), seq, "line " + lineNo);
                        for (Map.Entry<Long, String> e : early.entrySet()) {
                            if (e.getKey() > seq) {
                                add(
                                        ProblemKind.REORDERED,
                                        e.getValue(),
                                        e.getKey(),
                                        "before " + seq);
                            }
                        }
                    }
                    maxSeq = Math.max(maxSeq, seq);
                    window.put(seq, new Seen(line.entryHash(), line.documentId()));
                    checkLink(line, window, awaiting);
                    Awaiting next = awaiting.remove(seq + 1);
                    if (next != null && !next.prevHash().equals(line.entryHash())) {
                        add(
                                ProblemKind.BROKEN_CHAIN,
                                line.documentId(),
                                seq,
                                "prevHash of " + next.seq());
                    }
                    if (JournalLine.STORE.equals(line.kind())) {
                        submit(hashers, line);
                    }
                    pendingLeaves.put(seq, Hashes.unhex(line.entryHash()));
                    if (seq != nextLeaf[0]) {
                        early.put(seq, line.documentId());
                        if (early.size() > WINDOW) {
                            early.remove(early.keySet().iterator().next());
                        }
                    }
                    drain(pendingLeaves, nextLeaf, cursor, missing, 0);
                    early.keySet().removeIf(s -> s < nextLeaf[0]);
                }
                if (lineNo > 0 && !lines.terminated()) {
                    add(ProblemKind.BAD_ENTRY, "", -1, "line " + lineNo + " has no end");
                }
            }
        }
        try {
            inFlight.acquire(IN_FLIGHT); // every blob hashed
            inFlight.release(IN_FLIGHT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("verification interrupted", e);
        }
        long expectedLast = Math.max(maxSeq, head);
        if (!seals.isEmpty()) {
            expectedLast = Math.max(expectedLast, seals.get(seals.size() - 1).toSeq());
        }
        drain(pendingLeaves, nextLeaf, cursor, missing, expectedLast);
        if (!missing.isEmpty() || !unreadable.isEmpty()) {
            nameMissing(missing);
        }
        List<String> unjournaled = unjournaledBlobs();
        synchronized (problems) {
            return new IntegrityReport(
                    problems.isEmpty(), entries, bytes.get(), seals.size(), problems, unjournaled);
        }
    }

    /** A link to the previous entry, checked now or when that entry arrives. */
    private void checkLink(JournalLine line, Map<Long, Seen> window, Map<Long, Awaiting> awaiting) {
        long seq = line.seq();
        if (seq == 1) {
            if (!Hashes.ZERO.equals(line.prevHash())) {
                add(
                        ProblemKind.BROKEN_CHAIN,
                        line.documentId(),
                        seq,
                        "prevHash of the first entry");
            }
            return;
        }
        Seen previous = window.get(seq - 1);
        if (previous == null) {
            if (awaiting.size() < WINDOW) {
                awaiting.put(seq - 1, new Awaiting(line.prevHash(), line.documentId(), seq));
            }
        } else if (!previous.entryHash().equals(line.prevHash())) {
            add(ProblemKind.BROKEN_CHAIN, previous.documentId(), seq - 1, "prevHash of " + seq);
        }
    }

    /**
     * Feeds leaves to the seals in seq order. A seq still absent is declared missing when too many
     * later entries wait for it, or at the end up to {@code last}.
     */
    private void drain(
            TreeMap<Long, byte[]> pending,
            long[] nextLeaf,
            SealCursor cursor,
            List<Long> missing,
            long last) {
        while (true) {
            byte[] leaf = pending.remove(nextLeaf[0]);
            if (leaf != null) {
                cursor.leaf(nextLeaf[0], leaf);
            } else if (nextLeaf[0] <= last || pending.size() > WINDOW) {
                if (missing.size() < MAX_PROBLEMS && !unreadable.containsKey(nextLeaf[0])) {
                    missing.add(nextLeaf[0]); // an unreadable line is reported as such
                }
                cursor.skip(nextLeaf[0]);
            } else {
                return;
            }
            nextLeaf[0]++;
        }
    }

    /** The seal whose range the next leaf belongs to, and its Merkle root under construction. */
    private final class SealCursor {
        private final List<SealLine> seals;
        private int index;
        private Merkle.Builder builder = new Merkle.Builder();
        private boolean incomplete;

        SealCursor(List<SealLine> seals) {
            this.seals = seals;
        }

        private SealLine current(long seq) {
            while (index < seals.size() && seals.get(index).toSeq() < seq) {
                index++;
                builder = new Merkle.Builder();
                incomplete = false;
            }
            return index < seals.size() && seals.get(index).fromSeq() <= seq
                    ? seals.get(index)
                    : null;
        }

        void leaf(long seq, byte[] leaf) {
            SealLine seal = current(seq);
            if (seal == null) {
                return;
            }
            builder.add(leaf);
            if (seq == seal.toSeq()) {
                if (!incomplete && !Hashes.hex(builder.root()).equals(seal.merkleRoot())) {
                    add(
                            ProblemKind.BAD_SEAL,
                            "",
                            seal.number(),
                            "merkleRoot of entries " + seal.fromSeq() + ".." + seal.toSeq());
                }
                index++;
                builder = new Merkle.Builder();
                incomplete = false;
            }
        }

        /** A missing entry: its seal cannot be recomputed (the gap is reported instead). */
        void skip(long seq) {
            SealLine seal = current(seq);
            if (seal != null) {
                incomplete = true;
                if (seq == seal.toSeq()) {
                    index++;
                    builder = new Merkle.Builder();
                    incomplete = false;
                }
            }
        }
    }

    private void submit(java.util.concurrent.Executor hashers, JournalLine line)
            throws IOException {
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("verification interrupted", e);
        }
        hashers.execute(
                () -> {
                    try {
                        checkBlob(line);
                    } catch (IOException | RuntimeException e) {
                        add(ProblemKind.MISSING, line.documentId(), line.seq(), "unreadable: " + e);
                    } finally {
                        inFlight.release();
                    }
                });
    }

    private void checkBlob(JournalLine line) throws IOException {
        Hashes.FileHash actual;
        try {
            actual = Hashes.ofFile(layout.blob(line.sha256()), buffer);
        } catch (NoSuchFileException e) {
            try {
                // journaled, not yet renamed (a crash): the next open finishes it
                actual = Hashes.ofFile(layout.pending(line.sha256()), buffer);
            } catch (NoSuchFileException e2) {
                if (!purged(line.documentId())) {
                    add(ProblemKind.MISSING, line.documentId(), line.seq(), line.sha256());
                }
                return;
            }
        }
        bytes.addAndGet(actual.size());
        if (!actual.sha256().equals(line.sha256()) || actual.size() != line.size()) {
            add(
                    ProblemKind.CHANGED,
                    line.documentId(),
                    line.seq(),
                    "expected " + line.sha256() + ", found " + actual.sha256());
        }
    }

    /** True when the document's reference records its purge. */
    private boolean purged(String documentId) throws IOException {
        Path ref = layout.ref(documentId);
        if (!Files.isRegularFile(ref)) {
            return false;
        }
        for (String text : Files.readAllLines(ref)) {
            try {
                if (JournalLine.PURGE.equals(JournalLine.parse(text).kind())) {
                    return true;
                }
            } catch (RuntimeException e) {
                return false;
            }
        }
        return false;
    }

    /** Names the documents of missing journal entries from the per-document references. */
    private void nameMissing(List<Long> missing) throws IOException {
        Map<Long, String> ids = new HashMap<>();
        Set<Long> wanted = new java.util.HashSet<>(missing);
        wanted.addAll(unreadable.keySet());
        if (Files.isDirectory(layout.refs())) {
            try (Stream<Path> files = Files.walk(layout.refs())) {
                for (Path ref : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    if (Files.size(ref) > 4L * JournalLine.MAX_LINE) {
                        continue;
                    }
                    for (String text : Files.readAllLines(ref)) {
                        try {
                            JournalLine line = JournalLine.parse(text);
                            if (wanted.contains(line.seq())) {
                                ids.put(line.seq(), line.documentId());
                            }
                        } catch (RuntimeException e) {
                            // a damaged reference names nothing
                        }
                    }
                }
            }
        }
        for (Map.Entry<Long, String> e : unreadable.entrySet()) {
            add(ProblemKind.BAD_ENTRY, ids.getOrDefault(e.getKey(), ""), e.getKey(), e.getValue());
        }
        for (long seq : missing) {
            add(ProblemKind.JOURNAL_TRUNCATED, ids.getOrDefault(seq, ""), seq, "entry missing");
        }
    }

    /** Pending blobs, found by name only (no file attributes read). */
    private List<String> unjournaledBlobs() throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(layout.blobs())) {
            return out;
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(layout.blobs())) {
            for (Path folder : folders) {
                if (!Files.isDirectory(folder)) {
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
                    for (Path file : files) {
                        String name = file.getFileName().toString();
                        if (name.endsWith(Layout.PENDING) && out.size() < MAX_PROBLEMS) {
                            out.add(name.substring(0, name.length() - Layout.PENDING.length()));
                        }
                    }
                }
            }
        }
        return out;
    }

    private List<SealLine> readSeals() throws IOException {
        List<SealLine> seals = new ArrayList<>();
        if (!Files.exists(layout.seals())) {
            return seals;
        }
        String previous = Hashes.ZERO;
        long number = 0;
        try (Lines lines = new Lines(layout.seals(), 1024)) {
            String text;
            while ((text = lines.next()) != null) {
                number++;
                SealLine seal;
                try {
                    seal = SealLine.parse(text);
                } catch (RuntimeException e) {
                    add(ProblemKind.BAD_SEAL, "", number, e.getMessage());
                    continue;
                }
                if (seal.number() != number
                        || !seal.hashValid()
                        || !seal.prevSealHash().equals(previous)) {
                    add(ProblemKind.BAD_SEAL, "", number, "sealHash or chain");
                }
                previous = seal.sealHash();
                seals.add(seal);
            }
        }
        return seals;
    }

    private long readHead() throws IOException {
        if (!Files.isRegularFile(layout.head()) || Files.size(layout.head()) > 200) {
            return 0;
        }
        try {
            return Long.parseLong(Files.readString(layout.head()).split("\t", 2)[0].trim());
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** The seq at the start of a journal line, -1 when there is none. */
    static long seqOf(String text) {
        int tab = text.indexOf('\t');
        try {
            return tab > 0 && tab < 20 ? Long.parseLong(text, 0, tab, 10) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void add(ProblemKind kind, String documentId, long seq, String detail) {
        String key = kind + "\t" + documentId + "\t" + seq;
        synchronized (problems) {
            if (problems.size() < MAX_PROBLEMS && reported.add(key)) {
                problems.add(new Problem(kind, documentId, seq, detail));
            }
        }
    }
}
