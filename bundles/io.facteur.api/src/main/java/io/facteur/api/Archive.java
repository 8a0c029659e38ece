package io.facteur.api;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The legal archive: stores originals write-once under their SHA-256, journals every entry in an
 * append-only hash chain, seals the journal under Merkle roots, proves and verifies.
 *
 * <h2>Files of one dossier (also the content of an {@linkplain #export export})</h2>
 *
 * <ul>
 *   <li>{@code blobs/<first two hex>/<sha256>}: the bytes, named by their SHA-256; {@code sha256sum
 *       <file>} prints the name.
 *   <li>{@code journal.log}: one UTF-8 line per entry, fields separated by one TAB, ending with LF:
 *       {@code seq kind time documentId sha256 size retainUntil mediaType fileName prevHash
 *       entryHash}; {@code kind} is {@code store} or {@code purge}, {@code fileName} is base64url
 *       (no padding) of the UTF-8 name, {@code prevHash} is the {@code entryHash} of the entry
 *       {@code seq - 1} (64 zeros for the first), {@code entryHash} is the hex SHA-256 of the line
 *       up to and including {@code prevHash} (without the TAB before {@code entryHash}): {@code
 *       printf '%s' "$prefix" | sha256sum}.
 *   <li>{@code seals.log}: one line per seal: {@code number sealedAt fromSeq toSeq merkleRoot
 *       prevSealHash sealHash}; {@code merkleRoot} is the Merkle root of the {@code entryHash}es of
 *       the entries {@code fromSeq..toSeq}; {@code sealHash} is the hex SHA-256 of the line up to
 *       and including {@code prevSealHash}, which is the {@code sealHash} of the previous seal (64
 *       zeros for the first).
 *   <li>Merkle tree: leaves are the 32 raw bytes of each {@code entryHash} in {@code seq} order; a
 *       node is {@code SHA-256(left || right)} over the 64 raw bytes; at each level, the last node
 *       of an odd count is carried up unchanged. With a {@link Proof} path, {@code h = entryHash},
 *       then for each step {@code h = SHA-256(h || hash)} when the sibling is on the right ({@code
 *       R}), {@code SHA-256(hash || h)} when on the left ({@code L}): {@code printf "$(echo $a$b |
 *       sed 's/../\\x&/g')" | openssl dgst -sha256}. The last {@code h} is the seal's {@code
 *       merkleRoot}.
 * </ul>
 */
@ConsumerType
public interface Archive {
    /**
     * Archives a document write-once; archiving the same bytes twice under the same id gives the
     * same entry. Returns once the bytes and the journal entry are on disk (fsync).
     *
     * @param dossier the dossier id
     * @param documentId the document id ({@code [A-Za-z0-9._:@/-]}, at most 200 characters), e.g.
     *     {@code <invoiceId>/original}, {@code <invoiceId>/pdf}
     * @param original the original bytes
     * @param retainUntil the date before which the entry can never be deleted (issue date + the
     *     dossier's retention, never below ten years); a later store of the same bytes never
     *     shortens it
     * @throws ArchiveException when the id already holds other bytes, or the archive cannot write
     */
    ArchiveEntry store(String dossier, String documentId, Document original, LocalDate retainUntil);

    /**
     * Archives a document whose issue date is not known, retained ten years from today.
     *
     * @see #store(String, String, Document, LocalDate)
     */
    default ArchiveEntry store(String dossier, String documentId, Document original) {
        return store(dossier, documentId, original, LocalDate.now().plusYears(10));
    }

    /** The archived original, or empty when the document is not archived. */
    Optional<Document> retrieve(String dossier, String documentId);

    /**
     * Checks the whole dossier's archive (re-hashes every file, walks the chain, checks the seals),
     * streaming: memory does not grow with the archive.
     */
    IntegrityReport verify(String dossier);

    /**
     * The proof of one document: its hash, its journal entry, its Merkle path to the seal that
     * covers it, that seal and its timestamp token if any; empty when the document is not archived.
     */
    Optional<Proof> proof(String dossier, String documentId);

    /**
     * Seals the entries journaled since the last seal; empty when there are none.
     *
     * @throws ArchiveException when the archive cannot write
     */
    Optional<Seal> seal(String dossier);

    /**
     * Writes the dossier's archive as one ZIP (blobs, {@code journal.log}, {@code seals.log},
     * timestamp tokens, {@code metadata.json}) that can be checked without Facteur.
     */
    void export(String dossier, OutputStream out) throws IOException;

    /**
     * Deletes the entries whose retention ended before {@code today}; each deletion is journaled.
     *
     * @return the ids of the purged documents
     */
    List<String> purge(String dossier, LocalDate today);

    /**
     * An archived entry.
     *
     * @param documentId the document id
     * @param sha256 the hex SHA-256 of the original
     * @param archivedAt ISO-8601 instant
     * @param retainUntil ISO-8601 date before which the entry cannot be deleted
     * @param seq the journal sequence number
     * @param entryHash the hex SHA-256 of the journal line
     */
    record ArchiveEntry(
            String documentId,
            String sha256,
            String archivedAt,
            String retainUntil,
            long seq,
            String entryHash) {}

    /** What {@link #verify} can find wrong. */
    enum ProblemKind {
        /** The file of a journaled document is gone. */
        MISSING,
        /** The file of a journaled document no longer has its hash or size. */
        CHANGED,
        /** A journal line is not in sequence order. */
        REORDERED,
        /** A journal line was edited: its hash or its link to the previous entry does not match. */
        BROKEN_CHAIN,
        /** Journal entries are gone (a gap, or the journal ends before what was written). */
        JOURNAL_TRUNCATED,
        /** A journal line cannot be read. */
        BAD_ENTRY,
        /** A seal does not match the entries it closes, or its own chain. */
        BAD_SEAL
    }

    /**
     * One problem found by {@link #verify}.
     *
     * @param kind what is wrong
     * @param documentId the document concerned, empty when unknown
     * @param seq the journal sequence number (or seal number for {@link ProblemKind#BAD_SEAL}), -1
     *     when unknown
     * @param detail technical detail (expected and actual hashes, line numbers)
     */
    record Problem(ProblemKind kind, String documentId, long seq, String detail) {}

    /**
     * The result of a verification.
     *
     * @param intact true when no problem was found
     * @param entriesChecked how many journal entries were checked
     * @param bytesChecked how many archived bytes were re-hashed
     * @param sealsChecked how many seals were checked
     * @param problems what is wrong, empty when intact
     * @param unjournaledBlobs hashes of files stored but never journaled (a crash between the two
     *     steps): not tampering, they are journaled when the same bytes are stored again
     */
    record IntegrityReport(
            boolean intact,
            long entriesChecked,
            long bytesChecked,
            long sealsChecked,
            List<Problem> problems,
            List<String> unjournaledBlobs) {
        public IntegrityReport {
            problems = List.copyOf(problems);
            unjournaledBlobs = List.copyOf(unjournaledBlobs);
        }
    }

    /**
     * A seal: closes the journal entries {@code fromSeq..toSeq} under a Merkle root.
     *
     * @param number the seal number, from 1
     * @param sealedAt ISO-8601 instant
     * @param fromSeq first entry closed
     * @param toSeq last entry closed
     * @param merkleRoot hex Merkle root of the entries' {@code entryHash}
     * @param previousSealHash {@code sealHash} of seal {@code number - 1}, 64 zeros for the first
     * @param sealHash hex SHA-256 of {@code line} up to and including {@code previousSealHash}
     * @param line the seal's line in {@code seals.log}, without the LF
     * @param timestampToken base64 of the RFC 3161 TimeStampResp over {@code sealHash}, empty when
     *     no time-stamping authority is configured
     */
    record Seal(
            long number,
            String sealedAt,
            long fromSeq,
            long toSeq,
            String merkleRoot,
            String previousSealHash,
            String sealHash,
            String line,
            String timestampToken) {}

    /**
     * One step of a Merkle path.
     *
     * @param side {@code L} when the sibling is on the left, {@code R} on the right
     * @param hash the sibling's hex hash
     */
    record MerkleStep(String side, String hash) {}

    /**
     * The proof of one archived document (see the format in {@link Archive}).
     *
     * @param documentId the document id
     * @param sha256 hex SHA-256 of the document's bytes
     * @param size the document's size
     * @param journalLine the document's journal line, without the LF
     * @param entryHash the line's {@code entryHash}
     * @param path the Merkle path from {@code entryHash} to the seal's root, empty when unsealed
     * @param seal the seal covering the entry, empty when not sealed yet
     */
    record Proof(
            String documentId,
            String sha256,
            long size,
            String journalLine,
            String entryHash,
            List<MerkleStep> path,
            Optional<Seal> seal) {
        public Proof {
            path = List.copyOf(path);
        }
    }
}
