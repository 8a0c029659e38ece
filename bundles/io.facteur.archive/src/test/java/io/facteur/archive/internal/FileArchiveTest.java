package io.facteur.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.facteur.api.Archive.ArchiveEntry;
import io.facteur.api.Archive.IntegrityReport;
import io.facteur.api.Archive.Problem;
import io.facteur.api.Archive.ProblemKind;
import io.facteur.api.Archive.Seal;
import io.facteur.api.ArchiveException;
import io.facteur.api.Document;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileArchiveTest {
    static final String D = "acme";
    static final LocalDate RETAIN = LocalDate.of(2036, 1, 31);

    @TempDir Path root;
    FileArchive archive;

    @BeforeEach
    void setUp() {
        archive = archive(root);
    }

    static FileArchive archive(Path root) {
        return new FileArchive(
                root,
                10 * 1024 * 1024,
                Clock.fixed(Instant.parse("2026-01-31T10:00:00Z"), ZoneOffset.UTC));
    }

    static Document doc(String text) {
        return new Document(
                "invoice.xml", "application/xml", text.getBytes(StandardCharsets.UTF_8));
    }

    /** Stores ten documents, seals after six, and returns their ids. */
    List<String> fill() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            String id = "inv-" + i + "/original";
            archive.store(D, id, doc("<Invoice n='" + i + "'/>"), RETAIN);
            ids.add(id);
            if (i == 6) {
                assertThat(archive.seal(D)).isPresent();
            }
        }
        assertThat(archive.seal(D)).isPresent();
        return ids;
    }

    Path dir() {
        return root.resolve(D);
    }

    Path blobOf(String id) {
        String sha = archive.proof(D, id).orElseThrow().sha256();
        return new Layout(dir()).blob(sha);
    }

    static List<String> named(IntegrityReport report, ProblemKind kind) {
        return report.problems().stream()
                .filter(p -> p.kind() == kind)
                .map(Problem::documentId)
                .toList();
    }

    @Test
    void storesAndRetrievesTheSameBytes() {
        ArchiveEntry entry = archive.store(D, "inv-1/original", doc("<a/>"), RETAIN);
        assertThat(entry.sha256()).isEqualTo(Hashes.sha256Hex("<a/>"));
        assertThat(entry.retainUntil()).isEqualTo("2036-01-31");
        assertThat(entry.seq()).isEqualTo(1);
        Document back = archive.retrieve(D, "inv-1/original").orElseThrow();
        assertThat(back.content()).isEqualTo("<a/>".getBytes(StandardCharsets.UTF_8));
        assertThat(back.fileName()).isEqualTo("invoice.xml");
        assertThat(back.mediaType()).isEqualTo("application/xml");
        assertThat(archive.retrieve(D, "inv-2/original")).isEmpty();
        assertThat(archive.verify(D).intact()).isTrue();
    }

    @Test
    void sameBytesTwiceIsTheSameEntry() throws IOException {
        ArchiveEntry first = archive.store(D, "inv-1/original", doc("<a/>"), RETAIN);
        ArchiveEntry again = archive.store(D, "inv-1/original", doc("<a/>"), RETAIN.plusYears(1));
        assertThat(again).isEqualTo(first);
        assertThat(Files.readAllLines(dir().resolve("journal.log"))).hasSize(1);
        // a fresh instance (a restart) says the same
        assertThat(archive(root).store(D, "inv-1/original", doc("<a/>"), RETAIN)).isEqualTo(first);
    }

    @Test
    void sameBytesUnderTwoIdsShareOneBlob() throws IOException {
        archive.store(D, "inv-1/original", doc("<a/>"), RETAIN);
        archive.store(D, "inv-2/original", doc("<a/>"), RETAIN);
        try (var files = Files.walk(dir().resolve("blobs"))) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(1);
        }
        assertThat(archive.verify(D).problems()).isEmpty();
    }

    @Test
    void anArchivedIdNeverTakesOtherBytes() {
        archive.store(D, "inv-1/original", doc("<a/>"), RETAIN);
        assertThatThrownBy(() -> archive.store(D, "inv-1/original", doc("<b/>"), RETAIN))
                .isInstanceOf(ArchiveException.class)
                .extracting(e -> ((ArchiveException) e).reason())
                .isEqualTo(ArchiveException.Reason.WRITE_ONCE);
        assertThat(archive.retrieve(D, "inv-1/original").orElseThrow().content())
                .isEqualTo("<a/>".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void hostileIdsAndSizesAreRefused() {
        for (String dossier : new String[] {"..", "../x", "a/b", "", ".hidden"}) {
            assertThatThrownBy(() -> archive.store(dossier, "x", doc("a"), RETAIN))
                    .isInstanceOf(ArchiveException.class);
        }
        for (String id : new String[] {"../../etc/passwd", "a\tb", "a\nb", "", "x".repeat(201)}) {
            assertThatThrownBy(() -> archive.store(D, id, doc("a"), RETAIN))
                    .isInstanceOf(ArchiveException.class);
        }
        FileArchive small = new FileArchive(root, 3, Clock.systemUTC());
        assertThatThrownBy(() -> small.store(D, "big", doc("abcd"), RETAIN))
                .extracting(e -> ((ArchiveException) e).reason())
                .isEqualTo(ArchiveException.Reason.TOO_LARGE);
        // a media type that would break the journal line is replaced, the name is encoded
        archive.store(
                D, "odd", new Document("a\tb\n.xml", "text/xml\tevil", new byte[] {1}), RETAIN);
        Document back = archive.retrieve(D, "odd").orElseThrow();
        assertThat(back.mediaType()).isEqualTo("application/octet-stream");
        assertThat(back.fileName()).isEqualTo("a\tb\n.xml");
        assertThat(archive.verify(D).intact()).isTrue();
    }

    @Test
    void anIntactArchiveVerifies() {
        fill();
        IntegrityReport report = archive.verify(D);
        assertThat(report.problems()).isEmpty();
        assertThat(report.intact()).isTrue();
        assertThat(report.entriesChecked()).isEqualTo(10);
        assertThat(report.sealsChecked()).isEqualTo(2);
        assertThat(report.bytesChecked()).isPositive();
        assertThat(archive.seal(D)).isEmpty();
    }

    @Test
    void aFlippedByteIsNamed() throws IOException {
        List<String> ids = fill();
        Path blob = blobOf(ids.get(3));
        blob.toFile().setWritable(true);
        byte[] bytes = Files.readAllBytes(blob);
        bytes[2] ^= 1;
        Files.write(blob, bytes);
        IntegrityReport report = archive.verify(D);
        assertThat(report.intact()).isFalse();
        assertThat(report.problems()).hasSize(1);
        assertThat(named(report, ProblemKind.CHANGED)).containsExactly(ids.get(3));
        assertThatThrownBy(() -> archive.retrieve(D, ids.get(3)))
                .extracting(e -> ((ArchiveException) e).reason())
                .isEqualTo(ArchiveException.Reason.DAMAGED);
    }

    @Test
    void aDeletedBlobIsNamed() throws IOException {
        List<String> ids = fill();
        Files.delete(blobOf(ids.get(7)));
        IntegrityReport report = archive.verify(D);
        assertThat(report.problems()).hasSize(1);
        assertThat(named(report, ProblemKind.MISSING)).containsExactly(ids.get(7));
    }

    @Test
    void aTruncatedJournalNamesTheLostEntries() throws IOException {
        List<String> ids = fill();
        Path journal = dir().resolve("journal.log");
        List<String> lines = Files.readAllLines(journal);
        Files.write(journal, lines.subList(0, 7));
        IntegrityReport report = archive.verify(D);
        assertThat(named(report, ProblemKind.JOURNAL_TRUNCATED))
                .containsExactly(ids.get(7), ids.get(8), ids.get(9));
        assertThat(report.problems()).hasSize(3);
        // a fresh instance refuses to chain new entries onto the short journal
        assertThatThrownBy(() -> archive(root).store(D, "inv-11", doc("x"), RETAIN))
                .extracting(e -> ((ArchiveException) e).reason())
                .isEqualTo(ArchiveException.Reason.DAMAGED);
    }

    @Test
    void aTruncatedUnsealedJournalIsFoundThroughTheHead() throws IOException {
        for (int i = 1; i <= 4; i++) {
            archive.store(D, "inv-" + i, doc("n" + i), RETAIN);
        }
        Path journal = dir().resolve("journal.log");
        Files.write(journal, Files.readAllLines(journal).subList(0, 3));
        IntegrityReport report = archive.verify(D);
        assertThat(report.problems()).hasSize(1);
        assertThat(named(report, ProblemKind.JOURNAL_TRUNCATED)).containsExactly("inv-4");
    }

    @Test
    void aDeletedMiddleLineIsNamed() throws IOException {
        List<String> ids = fill();
        Path journal = dir().resolve("journal.log");
        List<String> lines = new ArrayList<>(Files.readAllLines(journal));
        lines.remove(2);
        Files.write(journal, lines);
        IntegrityReport report = archive.verify(D);
        assertThat(named(report, ProblemKind.JOURNAL_TRUNCATED)).containsExactly(ids.get(2));
        assertThat(report.problems()).hasSize(1);
    }

    @Test
    void twoSwappedLinesAreNamed() throws IOException {
        List<String> ids = fill();
        Path journal = dir().resolve("journal.log");
        List<String> lines = new ArrayList<>(Files.readAllLines(journal));
        String third = lines.get(2);
        lines.set(2, lines.get(3));
        lines.set(3, third);
        Files.write(journal, lines);
        IntegrityReport report = archive.verify(D);
        assertThat(named(report, ProblemKind.REORDERED))
                .containsExactlyInAnyOrder(ids.get(2), ids.get(3));
        assertThat(report.problems()).hasSize(2);
    }

    @Test
    void anEditedJournalLineIsNamed() throws IOException {
        List<String> ids = fill();
        Path journal = dir().resolve("journal.log");
        List<String> lines = new ArrayList<>(Files.readAllLines(journal));
        // a later retention date, entryHash left as it was
        lines.set(4, lines.get(4).replace("\t2036-01-31\t", "\t2046-01-31\t"));
        Files.write(journal, lines);
        IntegrityReport report = archive.verify(D);
        assertThat(named(report, ProblemKind.BROKEN_CHAIN)).containsExactly(ids.get(4));
        assertThat(report.problems()).hasSize(1);
    }

    @Test
    void anEditedLineWithARecomputedHashBreaksTheChainAndTheSeal() throws IOException {
        List<String> ids = fill();
        Path journal = dir().resolve("journal.log");
        List<String> lines = new ArrayList<>(Files.readAllLines(journal));
        JournalLine l = JournalLine.parse(lines.get(4));
        JournalLine forged =
                JournalLine.create(
                        l.seq(),
                        l.kind(),
                        l.time(),
                        l.documentId(),
                        l.sha256(),
                        l.size(),
                        "2046-01-31",
                        l.mediaType(),
                        l.fileName(),
                        l.prevHash());
        lines.set(4, forged.line());
        Files.write(journal, lines);
        IntegrityReport report = archive.verify(D);
        assertThat(named(report, ProblemKind.BROKEN_CHAIN)).containsExactly(ids.get(4));
        assertThat(report.problems())
                .filteredOn(p -> p.kind() == ProblemKind.BAD_SEAL)
                .extracting(Problem::seq)
                .containsExactly(1L);
        assertThat(report.problems()).hasSize(2);
    }

    @Test
    void anUnreadableJournalLineIsNamedOnce() throws IOException {
        List<String> ids = fill();
        Path journal = dir().resolve("journal.log");
        List<String> lines = new ArrayList<>(Files.readAllLines(journal));
        // a character no document id may hold
        lines.set(5, lines.get(5).replace("inv-6/original", "inv-6\u0001original"));
        Files.write(journal, lines);
        IntegrityReport report = archive.verify(D);
        assertThat(report.problems()).hasSize(1);
        assertThat(named(report, ProblemKind.BAD_ENTRY)).containsExactly(ids.get(5));
        assertThat(report.problems().get(0).seq()).isEqualTo(6);
    }

    @Test
    void anEditedSealIsNamed() throws IOException {
        fill();
        Path seals = dir().resolve("seals.log");
        List<String> lines = new ArrayList<>(Files.readAllLines(seals));
        SealLine s = SealLine.parse(lines.get(1));
        String otherRoot = Hashes.sha256Hex("forged");
        lines.set(1, lines.get(1).replace(s.merkleRoot(), otherRoot));
        Files.write(seals, lines);
        IntegrityReport report = archive.verify(D);
        assertThat(report.problems()).hasSize(1);
        assertThat(report.problems().get(0).kind()).isEqualTo(ProblemKind.BAD_SEAL);
        assertThat(report.problems().get(0).seq()).isEqualTo(2);
    }

    @Test
    void aBlobStoredButNotJournaledIsNotTampering() throws IOException {
        fill();
        // the crash: the blob went to disk (pending), the journal line never did
        byte[] bytes = "<Invoice n='11'/>".getBytes(StandardCharsets.UTF_8);
        String sha = Hashes.sha256Hex(bytes);
        Path pending = new Layout(dir()).pending(sha);
        Files.createDirectories(pending.getParent());
        Files.write(pending, bytes);
        IntegrityReport report = archive(root).verify(D);
        assertThat(report.intact()).isTrue();
        assertThat(report.unjournaledBlobs()).containsExactly(sha);
        // storing the same bytes again journals it
        FileArchive restarted = archive(root);
        ArchiveEntry entry =
                restarted.store(D, "inv-11/original", doc("<Invoice n='11'/>"), RETAIN);
        assertThat(entry.seq()).isEqualTo(11);
        IntegrityReport after = restarted.verify(D);
        assertThat(after.intact()).isTrue();
        assertThat(after.unjournaledBlobs()).isEmpty();
        assertThat(Files.exists(pending)).isFalse();
    }

    @Test
    void aTornJournalLineIsCutAtRestart() throws IOException {
        fill();
        Path journal = dir().resolve("journal.log");
        Files.writeString(journal, "11\tstore\t2026-01-", java.nio.file.StandardOpenOption.APPEND);
        assertThat(archive(root).verify(D).problems())
                .extracting(Problem::kind)
                .containsExactly(ProblemKind.BAD_ENTRY);
        FileArchive restarted = archive(root);
        assertThat(restarted.store(D, "inv-11", doc("eleven"), RETAIN).seq()).isEqualTo(11);
        assertThat(restarted.verify(D).problems()).isEmpty();
    }

    @Test
    void aJournaledButUnrenamedBlobIsFinishedAtRestart() throws IOException {
        fill();
        // the crash came after the journal append and before the rename: undo the rename
        String id = "inv-10/original";
        Layout layout = new Layout(dir());
        String sha = archive.proof(D, id).orElseThrow().sha256();
        Files.move(layout.blob(sha), layout.pending(sha));
        Files.delete(layout.ref(id));
        Files.writeString(
                layout.head(),
                "9\t"
                        + JournalLine.parse(Files.readAllLines(layout.journal()).get(8)).entryHash()
                        + "\n");
        assertThat(archive(root).verify(D).problems()).isEmpty();
        FileArchive restarted = archive(root);
        assertThat(restarted.retrieve(D, id)).isPresent();
        assertThat(Files.exists(layout.blob(sha))).isTrue();
        assertThat(restarted.verify(D).unjournaledBlobs()).isEmpty();
    }

    @Test
    void purgeRemovesOnlyWhatIsPastRetentionAndJournalsIt() throws IOException {
        archive.store(D, "old", doc("old"), LocalDate.of(2020, 1, 1));
        archive.store(D, "shared-old", doc("shared"), LocalDate.of(2020, 1, 1));
        archive.store(D, "shared-new", doc("shared"), RETAIN);
        archive.store(D, "new", doc("new"), RETAIN);
        archive.seal(D);
        List<String> purged = archive.purge(D, LocalDate.of(2026, 1, 31));
        assertThat(purged).containsExactlyInAnyOrder("old", "shared-old");
        assertThat(archive.retrieve(D, "old")).isEmpty();
        assertThat(archive.retrieve(D, "shared-new")).isPresent();
        assertThat(Files.exists(new Layout(dir()).blob(Hashes.sha256Hex("old")))).isFalse();
        assertThat(Files.exists(new Layout(dir()).blob(Hashes.sha256Hex("shared")))).isTrue();
        List<String> journal = Files.readAllLines(dir().resolve("journal.log"));
        assertThat(journal).hasSize(6);
        assertThat(journal.get(4)).contains("\tpurge\t");
        assertThat(archive.verify(D).problems()).isEmpty();
        assertThat(archive.seal(D)).isPresent();
        assertThat(archive.verify(D).problems()).isEmpty();
        // a purged id stays taken
        assertThatThrownBy(() -> archive.store(D, "old", doc("other"), RETAIN))
                .isInstanceOf(ArchiveException.class);
        assertThat(archive.purge(D, LocalDate.of(2026, 1, 31))).isEmpty();
    }

    @Test
    void aProofLeadsToItsSeal() {
        List<String> ids = fill();
        for (String id : ids) {
            var proof = archive.proof(D, id).orElseThrow();
            Seal seal = proof.seal().orElseThrow();
            byte[] root = Merkle.apply(Hashes.unhex(proof.entryHash()), proof.path());
            assertThat(Hashes.hex(root)).isEqualTo(seal.merkleRoot());
            assertThat(
                            Hashes.sha256Hex(
                                    proof.journalLine()
                                            .substring(0, proof.journalLine().lastIndexOf('\t'))))
                    .isEqualTo(proof.entryHash());
        }
        archive.store(D, "late", doc("late"), RETAIN);
        var unsealed = archive.proof(D, "late").orElseThrow();
        assertThat(unsealed.seal()).isEmpty();
        assertThat(unsealed.path()).isEmpty();
        assertThat(archive.proof(D, "nothing")).isEmpty();
    }

    @Test
    void concurrentStoresMakeOneUnbrokenChain() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<ArchiveEntry>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = i;
            futures.add(
                    pool.submit(
                            () ->
                                    archive.store(
                                            D,
                                            "inv-" + (n % 100),
                                            doc("doc " + (n % 100)),
                                            RETAIN)));
            if (i == 100) {
                pool.submit(() -> archive.seal(D));
            }
        }
        for (var f : futures) {
            f.get();
        }
        pool.shutdown();
        archive.seal(D);
        IntegrityReport report = archive.verify(D);
        assertThat(report.problems()).isEmpty();
        assertThat(report.entriesChecked()).isEqualTo(100);
    }

    @Test
    void readingAnUnknownDossierCreatesNothing() {
        assertThat(archive.retrieve("nobody", "inv-1")).isEmpty();
        assertThat(archive.proof("nobody", "inv-1")).isEmpty();
        assertThat(archive.verify("nobody").entriesChecked()).isZero();
        assertThat(archive.seal("nobody")).isEmpty();
        assertThat(archive.purge("nobody", LocalDate.of(2100, 1, 1))).isEmpty();
        assertThat(root.resolve("nobody")).doesNotExist();
    }

    @Test
    void folderDefaultsUnderKarafData() {
        assertThat(FileArchive.folder("/k/data", "")).isEqualTo(Path.of("/k/data/facteur/archive"));
        assertThat(FileArchive.folder(null, " ")).isEqualTo(Path.of("data/facteur/archive"));
        assertThat(FileArchive.folder("/k/data", "/srv/archive"))
                .isEqualTo(Path.of("/srv/archive"));
    }
}
