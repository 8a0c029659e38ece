package io.facteur.archive.internal;

import io.facteur.api.Archive;
import io.facteur.api.ArchiveException;
import io.facteur.api.ArchiveException.Reason;
import io.facteur.api.Capability;
import io.facteur.api.CapabilityKind;
import io.facteur.api.Document;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The legal archive on files: per dossier, content-addressed write-once blobs, an append-only
 * hash-chained journal, Merkle seals (format in {@link Archive} and the bundle's README).
 *
 * <p>Writes go temp file, fsync, atomic rename, fsync of the folder. A blob is first named {@code
 * <sha256>.pending} and gets its final name only once its journal entry is on disk: a crash in
 * between leaves a pending blob, which verify lists as unjournaled (not as tampering) and the next
 * store of the same bytes journals.
 */
@Component(
        service = Archive.class,
        configurationPid = ArchiveSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ArchiveSettings.class)
@Capability(capability = "archive", kind = CapabilityKind.ARCHIVE, label = "Legal archive")
public class FileArchive implements Archive {
    private static final Pattern DOSSIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String OCTET = "application/octet-stream";
    private final Logger logger = LoggerFactory.getLogger(FileArchive.class);
    private final Path root;
    private final long maxBytes;
    private final Clock clock;
    private final TimeStamper timeStamper;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    /** What is known of one dossier's journal, under its lock. */
    private static final class State {
        final ReentrantLock lock = new ReentrantLock();
        boolean opened;
        boolean damaged;
        long lastSeq;
        String lastHash = Hashes.ZERO;
    }

    @Activate
    public FileArchive(BundleContext context, ArchiveSettings settings) {
        this(
                folder(context.getProperty("karaf.data"), settings.folder()),
                settings.maxDocumentMegabytes() * 1024L * 1024L,
                Clock.systemUTC(),
                timeStamper(settings.tsaUrl(), settings.tsaTimeoutSeconds()));
    }

    FileArchive(Path root, long maxBytes, Clock clock) {
        this(root, maxBytes, clock, null);
    }

    FileArchive(Path root, long maxBytes, Clock clock, TimeStamper timeStamper) {
        this.root = root;
        this.maxBytes = maxBytes;
        this.clock = clock;
        this.timeStamper = timeStamper;
    }

    static TimeStamper timeStamper(String url, int timeoutSeconds) {
        if (url == null || url.isBlank()) {
            return null;
        }
        URI uri = URI.create(url.trim());
        if (!"https".equalsIgnoreCase(uri.getScheme())
                && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("the time-stamping authority needs an http(s) URL");
        }
        return new TimeStamper(uri, Duration.ofSeconds(Math.max(1, timeoutSeconds)));
    }

    static Path folder(String karafData, String configured) {
        return configured == null || configured.isBlank()
                ? Path.of(karafData == null ? "data" : karafData, "facteur", "archive")
                : Path.of(configured);
    }

    Path root() {
        return root;
    }

    @Override
    public ArchiveEntry store(
            String dossier, String documentId, Document original, LocalDate retainUntil) {
        Layout layout = layout(dossier);
        checkId(documentId);
        if (original == null || retainUntil == null) {
            throw new ArchiveException(Reason.INVALID_INPUT, "document and retainUntil required");
        }
        if (original.size() > maxBytes) {
            throw new ArchiveException(
                    Reason.TOO_LARGE, original.size() + " bytes, at most " + maxBytes);
        }
        String mediaType =
                JournalLine.MEDIA_TYPE.matcher(original.mediaType()).matches()
                        ? original.mediaType()
                        : OCTET;
        String sha = Hashes.sha256Hex(original.content());
        State state = open(dossier, layout);
        state.lock.lock();
        try {
            List<JournalLine> ref = readRef(layout, documentId);
            if (!ref.isEmpty()) {
                JournalLine stored = ref.get(0);
                if (ref.size() == 1 && stored.sha256().equals(sha)) {
                    return entry(stored);
                }
                throw new ArchiveException(
                        Reason.WRITE_ONCE, documentId + " is archived with other bytes");
            }
            if (state.damaged) {
                throw new ArchiveException(
                        Reason.DAMAGED, "the journal of " + dossier + " is shorter than written");
            }
            Files.createDirectories(layout.dir());
            Path blob = layout.blob(sha);
            if (!Files.exists(blob)) {
                Path pending = layout.pending(sha);
                Files.createDirectories(pending.getParent());
                writeAtomically(pending, original.content());
            }
            JournalLine line =
                    JournalLine.create(
                            state.lastSeq + 1,
                            JournalLine.STORE,
                            clock.instant().truncatedTo(ChronoUnit.MILLIS).toString(),
                            documentId,
                            sha,
                            original.size(),
                            retainUntil.toString(),
                            mediaType,
                            JournalLine.encodeName(original.fileName()),
                            state.lastHash);
            append(layout, state, line);
            return entry(line);
        } catch (IOException e) {
            throw new ArchiveException(Reason.IO, "cannot archive " + documentId, e);
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public Optional<Document> retrieve(String dossier, String documentId) {
        Layout layout = layout(dossier);
        checkId(documentId);
        open(dossier, layout);
        try {
            List<JournalLine> ref = readRef(layout, documentId);
            if (ref.size() != 1) {
                return Optional.empty();
            }
            JournalLine line = ref.get(0);
            Path blob = layout.blob(line.sha256());
            if (!Files.exists(blob)) {
                blob = layout.pending(line.sha256());
            }
            if (line.size() > maxBytes || Files.size(blob) != line.size()) {
                throw new ArchiveException(Reason.DAMAGED, documentId + " has changed size");
            }
            byte[] bytes = Files.readAllBytes(blob);
            if (!Hashes.sha256Hex(bytes).equals(line.sha256())) {
                throw new ArchiveException(Reason.DAMAGED, documentId + " has changed");
            }
            return Optional.of(new Document(line.decodedFileName(), line.mediaType(), bytes));
        } catch (NoSuchFileException e) {
            throw new ArchiveException(Reason.DAMAGED, documentId + " is missing", e);
        } catch (IOException e) {
            throw new ArchiveException(Reason.IO, "cannot read " + documentId, e);
        }
    }

    @Override
    public IntegrityReport verify(String dossier) {
        Layout layout = layout(dossier);
        try {
            return new Verifier(layout.dir()).run();
        } catch (IOException e) {
            throw new ArchiveException(Reason.IO, "cannot verify " + dossier, e);
        }
    }

    @Override
    public Optional<Seal> seal(String dossier) {
        Layout layout = layout(dossier);
        State state = open(dossier, layout);
        state.lock.lock();
        try {
            if (state.damaged) {
                throw new ArchiveException(
                        Reason.DAMAGED, "the journal of " + dossier + " is short");
            }
            SealLine last = lastSeal(layout);
            if (last != null && token(layout, last.number()).isEmpty()) {
                timestamp(layout, last); // the authority was not reachable last time
            }
            long from = last == null ? 1 : last.toSeq() + 1;
            if (state.lastSeq < from) {
                return Optional.empty();
            }
            Merkle.Builder builder = new Merkle.Builder();
            forEntries(
                    layout,
                    from,
                    state.lastSeq,
                    line -> builder.add(Hashes.unhex(line.entryHash())));
            SealLine seal =
                    SealLine.create(
                            last == null ? 1 : last.number() + 1,
                            clock.instant().truncatedTo(ChronoUnit.MILLIS).toString(),
                            from,
                            state.lastSeq,
                            Hashes.hex(builder.root()),
                            last == null ? Hashes.ZERO : last.sealHash());
            appendLine(layout.seals(), seal.line());
            logger.info(
                    "Sealed {} entries {}..{} of {}", seal.number(), from, state.lastSeq, dossier);
            timestamp(layout, seal);
            return Optional.of(seal.toSeal(token(layout, seal.number())));
        } catch (IOException e) {
            throw new ArchiveException(Reason.IO, "cannot seal " + dossier, e);
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public Optional<Proof> proof(String dossier, String documentId) {
        Layout layout = layout(dossier);
        checkId(documentId);
        open(dossier, layout);
        try {
            List<JournalLine> ref = readRef(layout, documentId);
            if (ref.isEmpty()) {
                return Optional.empty();
            }
            JournalLine line = ref.get(0);
            SealLine seal = null;
            if (Files.exists(layout.seals())) {
                try (Lines lines = new Lines(layout.seals(), 1024)) {
                    String text;
                    while ((text = lines.next()) != null) {
                        SealLine s = SealLine.parse(text);
                        if (s.fromSeq() <= line.seq() && line.seq() <= s.toSeq()) {
                            seal = s;
                            break;
                        }
                    }
                }
            }
            if (seal == null) {
                return Optional.of(
                        new Proof(
                                documentId,
                                line.sha256(),
                                line.size(),
                                line.line(),
                                line.entryHash(),
                                List.of(),
                                Optional.empty()));
            }
            if (seal.toSeq() - seal.fromSeq() >= Integer.MAX_VALUE) {
                throw new ArchiveException(Reason.DAMAGED, "seal " + seal.number() + " too large");
            }
            List<byte[]> leaves = new ArrayList<>();
            forEntries(
                    layout,
                    seal.fromSeq(),
                    seal.toSeq(),
                    l -> leaves.add(Hashes.unhex(l.entryHash())));
            List<MerkleStep> path = Merkle.path(leaves, (int) (line.seq() - seal.fromSeq()));
            return Optional.of(
                    new Proof(
                            documentId,
                            line.sha256(),
                            line.size(),
                            line.line(),
                            line.entryHash(),
                            path,
                            Optional.of(seal.toSeal(token(layout, seal.number())))));
        } catch (IOException | RuntimeException e) {
            if (e instanceof ArchiveException a) {
                throw a;
            }
            throw new ArchiveException(Reason.DAMAGED, "cannot prove " + documentId, e);
        }
    }

    @Override
    public void export(String dossier, OutputStream out) throws IOException {
        Layout layout = layout(dossier);
        State state = open(dossier, layout);
        state.lock.lock();
        try {
            ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
            zip.putNextEntry(new ZipEntry("metadata.json"));
            Metadata.write(dossier, clock.instant().toString(), layout, zip);
            zip.closeEntry();
            for (Path file : List.of(layout.journal(), layout.seals(), layout.head())) {
                if (Files.exists(file)) {
                    copy(zip, file, file.getFileName().toString());
                }
            }
            for (Path folder : List.of(layout.blobs(), layout.timestamps())) {
                if (!Files.isDirectory(folder)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(folder)) {
                    for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                        String name = file.getFileName().toString();
                        if (Files.isRegularFile(file)
                                && !name.endsWith(Layout.PENDING)
                                && !name.startsWith("tmp-")) {
                            copy(
                                    zip,
                                    file,
                                    layout.dir().relativize(file).toString().replace('\\', '/'));
                        }
                    }
                }
            }
            zip.finish();
            zip.flush();
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public List<String> purge(String dossier, LocalDate today) {
        Layout layout = layout(dossier);
        State state = open(dossier, layout);
        state.lock.lock();
        try {
            if (state.damaged) {
                throw new ArchiveException(
                        Reason.DAMAGED, "the journal of " + dossier + " is short");
            }
            List<JournalLine> expired = new ArrayList<>();
            forRefs(
                    layout,
                    ref -> {
                        if (ref.size() == 1
                                && LocalDate.parse(ref.get(0).retainUntil()).isBefore(today)) {
                            expired.add(ref.get(0));
                        }
                    });
            List<String> ids = new ArrayList<>();
            Set<String> hashes = new HashSet<>();
            for (JournalLine stored : expired) {
                JournalLine purge =
                        JournalLine.create(
                                state.lastSeq + 1,
                                JournalLine.PURGE,
                                clock.instant().truncatedTo(ChronoUnit.MILLIS).toString(),
                                stored.documentId(),
                                stored.sha256(),
                                stored.size(),
                                stored.retainUntil(),
                                stored.mediaType(),
                                stored.fileName(),
                                state.lastHash);
                append(layout, state, purge);
                ids.add(stored.documentId());
                hashes.add(stored.sha256());
            }
            // a blob shared with a document still retained stays
            forRefs(
                    layout,
                    ref -> {
                        if (ref.size() == 1) {
                            hashes.remove(ref.get(0).sha256());
                        }
                    });
            for (String sha : hashes) {
                Path blob = layout.blob(sha);
                blob.toFile().setWritable(true, true);
                Files.deleteIfExists(blob);
                syncDirectory(blob.getParent());
            }
            if (!ids.isEmpty()) {
                logger.info("Purged {} documents of {} past their retention", ids.size(), dossier);
            }
            return ids;
        } catch (IOException e) {
            throw new ArchiveException(Reason.IO, "cannot purge " + dossier, e);
        } finally {
            state.lock.unlock();
        }
    }

    private static ArchiveEntry entry(JournalLine line) {
        return new ArchiveEntry(
                line.documentId(),
                line.sha256(),
                line.time(),
                line.retainUntil(),
                line.seq(),
                line.entryHash());
    }

    private Layout layout(String dossier) {
        if (dossier == null || !DOSSIER.matcher(dossier).matches()) {
            throw new ArchiveException(Reason.INVALID_INPUT, "invalid dossier id");
        }
        return new Layout(root.resolve(dossier));
    }

    private static void checkId(String documentId) {
        if (documentId == null
                || !JournalLine.DOCUMENT_ID.matcher(documentId).matches()
                || documentId.contains("..")) {
            throw new ArchiveException(Reason.INVALID_INPUT, "invalid document id");
        }
    }

    /** The dossier's state, recovered from its files the first time. */
    private State open(String dossier, Layout layout) {
        State state = states.computeIfAbsent(dossier, d -> new State());
        state.lock.lock();
        try {
            if (!state.opened) {
                recover(layout, state);
                state.opened = true;
            }
            return state;
        } catch (IOException e) {
            throw new ArchiveException(Reason.IO, "cannot open the archive of " + dossier, e);
        } finally {
            state.lock.unlock();
        }
    }

    /**
     * Cuts a torn last journal line (never acknowledged), then finishes the entries journaled after
     * the head: final blob name, reference, head.
     */
    private void recover(Layout layout, State state) throws IOException {
        long headSeq = 0;
        String headHash = Hashes.ZERO;
        if (Files.isRegularFile(layout.head()) && Files.size(layout.head()) < 200) {
            String[] head = Files.readString(layout.head()).trim().split("\t");
            if (head.length == 2 && Hashes.isHash(head[1])) {
                headSeq = Long.parseLong(head[0]);
                headHash = head[1];
            }
        }
        state.lastSeq = headSeq;
        state.lastHash = headHash;
        if (!Files.exists(layout.journal())) {
            state.damaged = headSeq > 0;
            return;
        }
        cutTornTail(layout.journal());
        long last = 0;
        try (Lines lines = new Lines(layout.journal(), JournalLine.MAX_LINE)) {
            String text;
            while ((text = lines.next()) != null) {
                JournalLine line;
                try {
                    line = JournalLine.parse(text);
                } catch (RuntimeException e) {
                    logger.warn("Unreadable journal line in {}: run verify", layout.dir());
                    continue;
                }
                last = line.seq();
                if (line.seq() > headSeq) {
                    finish(layout, line);
                    state.lastSeq = line.seq();
                    state.lastHash = line.entryHash();
                }
            }
        }
        if (last < headSeq) {
            state.damaged = true;
            logger.error(
                    "The archive journal of {} ends at {} but {} entries were written: run verify",
                    layout.dir(),
                    last,
                    headSeq);
        }
    }

    private void cutTornTail(Path journal) throws IOException {
        try (FileChannel ch =
                FileChannel.open(journal, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long end = size;
            ByteBuffer one = ByteBuffer.allocate(1);
            while (end > 0) {
                one.clear();
                ch.read(one, end - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                end--;
                if (size - end > JournalLine.MAX_LINE) {
                    return; // not a torn append: leave it to verify
                }
            }
            if (end < size) {
                logger.warn("Cutting a torn journal line ({} bytes) in {}", size - end, journal);
                ch.truncate(end);
                ch.force(true);
            }
        }
    }

    /** Appends a journal line, then makes the blob final and writes the reference and the head. */
    private void append(Layout layout, State state, JournalLine line) throws IOException {
        appendLine(layout.journal(), line.line());
        finish(layout, line);
        writeAtomically(
                layout.head(),
                (line.seq() + "\t" + line.entryHash() + "\n").getBytes(StandardCharsets.UTF_8));
        state.lastSeq = line.seq();
        state.lastHash = line.entryHash();
    }

    private void finish(Layout layout, JournalLine line) throws IOException {
        Path pending = layout.pending(line.sha256());
        Path blob = layout.blob(line.sha256());
        if (JournalLine.STORE.equals(line.kind()) && Files.exists(pending)) {
            if (Files.exists(blob)) {
                Files.delete(pending);
            } else {
                move(pending, blob);
                readOnly(blob);
            }
            syncDirectory(blob.getParent());
        }
        List<JournalLine> ref = new ArrayList<>(readRef(layout, line.documentId()));
        if (ref.stream().noneMatch(l -> l.seq() == line.seq())) {
            ref.add(line);
            StringBuilder text = new StringBuilder();
            ref.forEach(l -> text.append(l.line()).append('\n'));
            Path file = layout.ref(line.documentId());
            Files.createDirectories(file.getParent());
            writeAtomically(file, text.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static List<JournalLine> readRef(Layout layout, String documentId) throws IOException {
        Path file = layout.ref(documentId);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        if (Files.size(file) > 4L * JournalLine.MAX_LINE) {
            throw new ArchiveException(Reason.DAMAGED, "reference of " + documentId + " too large");
        }
        List<JournalLine> lines = new ArrayList<>();
        for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            try {
                lines.add(JournalLine.parse(text));
            } catch (RuntimeException e) {
                throw new ArchiveException(Reason.DAMAGED, "reference of " + documentId, e);
            }
        }
        return lines;
    }

    private interface RefVisitor {
        void visit(List<JournalLine> ref) throws IOException;
    }

    private static void forRefs(Layout layout, RefVisitor visitor) throws IOException {
        if (!Files.isDirectory(layout.refs())) {
            return;
        }
        try (Stream<Path> files = Files.walk(layout.refs())) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (file.getFileName().toString().startsWith("tmp-")
                        || Files.size(file) > 4L * JournalLine.MAX_LINE) {
                    continue;
                }
                List<JournalLine> ref = new ArrayList<>();
                try {
                    for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                        ref.add(JournalLine.parse(text));
                    }
                } catch (RuntimeException e) {
                    continue;
                }
                if (!ref.isEmpty()) {
                    visitor.visit(ref);
                }
            }
        }
    }

    private interface EntryVisitor {
        void visit(JournalLine line);
    }

    /** Streams the journal entries {@code from..to}, which must all be there, in order. */
    private static void forEntries(Layout layout, long from, long to, EntryVisitor visitor)
            throws IOException {
        long expected = from;
        try (Lines lines = new Lines(layout.journal(), JournalLine.MAX_LINE)) {
            String text;
            while (expected <= to && (text = lines.next()) != null) {
                if (seqOf(text) < from) {
                    continue; // earlier entries are skipped unparsed
                }
                JournalLine line;
                try {
                    line = JournalLine.parse(text);
                } catch (RuntimeException e) {
                    throw new ArchiveException(Reason.DAMAGED, "unreadable journal line", e);
                }
                if (line.seq() < from) {
                    continue;
                }
                if (line.seq() != expected) {
                    throw new ArchiveException(
                            Reason.DAMAGED, "journal entry " + expected + " out of order");
                }
                visitor.visit(line);
                expected++;
            }
        }
        if (expected <= to) {
            throw new ArchiveException(Reason.DAMAGED, "journal entry " + expected + " missing");
        }
    }

    /** The seq at the start of a journal line, -1 when there is none. */
    private static long seqOf(String text) {
        int tab = text.indexOf('\t');
        try {
            return tab > 0 && tab < 20 ? Long.parseLong(text, 0, tab, 10) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static SealLine lastSeal(Layout layout) throws IOException {
        SealLine last = null;
        if (Files.exists(layout.seals())) {
            try (Lines lines = new Lines(layout.seals(), 1024)) {
                String text;
                while ((text = lines.next()) != null) {
                    try {
                        last = SealLine.parse(text);
                    } catch (RuntimeException e) {
                        throw new ArchiveException(Reason.DAMAGED, "unreadable seal line", e);
                    }
                }
            }
        }
        return last;
    }

    /**
     * Time-stamps a seal when an authority is configured; a failure leaves it for the next seal.
     */
    private void timestamp(Layout layout, SealLine seal) throws IOException {
        if (timeStamper == null) {
            return;
        }
        byte[] response;
        try {
            response = timeStamper.stamp(Hashes.unhex(seal.sealHash()));
        } catch (IOException | RuntimeException e) {
            logger.warn(
                    "Seal {} of {} not time-stamped, tried again at the next seal: {}",
                    seal.number(),
                    layout.dir().getFileName(),
                    e.toString());
            return;
        }
        Files.createDirectories(layout.timestamps());
        writeAtomically(layout.timestamps().resolve(seal.number() + ".tsr"), response);
    }

    private static String token(Layout layout, long sealNumber) throws IOException {
        Path file = layout.timestamps().resolve(sealNumber + ".tsr");
        return Files.isRegularFile(file) && Files.size(file) < 1 << 20
                ? Base64.getEncoder().encodeToString(Files.readAllBytes(file))
                : "";
    }

    private static void appendLine(Path file, String line) throws IOException {
        try (FileChannel ch =
                FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            ch.force(true);
        }
        syncDirectory(file.getParent());
    }

    /** Temp file, fsync, atomic rename, fsync of the folder. */
    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temp = target.resolveSibling("tmp-" + UUID.randomUUID());
        try (FileChannel ch =
                FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            ch.force(true);
        }
        try {
            move(temp, target);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        syncDirectory(target.getParent());
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(
                    from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UncheckedIOException e) {
            // not every file system syncs a folder (Windows): the rename is still atomic
        }
    }

    private static void readOnly(Path blob) {
        try {
            Files.setPosixFilePermissions(blob, PosixFilePermissions.fromString("r--r-----"));
        } catch (IOException | UnsupportedOperationException e) {
            blob.toFile().setReadOnly();
        }
    }

    private static void copy(ZipOutputStream zip, Path file, String name) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(zip);
        }
        zip.closeEntry();
    }
}
