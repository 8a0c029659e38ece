package io.facteur.archive.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/** {@code metadata.json} of an export, written while the journal is read. */
final class Metadata {
    private Metadata() {}

    static void write(String dossier, String exportedAt, Layout layout, OutputStream out)
            throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write("{\"format\":\"facteur-archive/1\",\"dossier\":");
        string(w, dossier);
        w.write(",\"exportedAt\":");
        string(w, exportedAt);
        w.write(",\"entries\":[");
        boolean first = true;
        if (Files.exists(layout.journal())) {
            try (Lines lines = new Lines(layout.journal(), JournalLine.MAX_LINE)) {
                String text;
                while ((text = lines.next()) != null) {
                    JournalLine line;
                    try {
                        line = JournalLine.parse(text);
                    } catch (RuntimeException e) {
                        continue; // journal.log is exported as is: verify names the line
                    }
                    w.write(first ? "\n" : ",\n");
                    first = false;
                    w.write("{\"seq\":" + line.seq() + ",\"kind\":");
                    string(w, line.kind());
                    w.write(",\"time\":");
                    string(w, line.time());
                    w.write(",\"documentId\":");
                    string(w, line.documentId());
                    w.write(",\"sha256\":");
                    string(w, line.sha256());
                    w.write(",\"size\":" + line.size() + ",\"retainUntil\":");
                    string(w, line.retainUntil());
                    w.write(",\"mediaType\":");
                    string(w, line.mediaType());
                    w.write(",\"fileName\":");
                    string(w, line.decodedFileName());
                    w.write(",\"path\":");
                    string(
                            w,
                            JournalLine.STORE.equals(line.kind())
                                    ? "blobs/" + line.sha256().substring(0, 2) + "/" + line.sha256()
                                    : "");
                    w.write(",\"entryHash\":");
                    string(w, line.entryHash());
                    w.write("}");
                }
            }
        }
        w.write("\n]}\n");
        w.flush();
    }

    static void string(Writer w, String s) throws IOException {
        w.write('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> w.write("\\\"");
                case '\\' -> w.write("\\\\");
                case '\n' -> w.write("\\n");
                case '\r' -> w.write("\\r");
                case '\t' -> w.write("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        w.write(String.format("\\u%04x", (int) c));
                    } else {
                        w.write(c);
                    }
                }
            }
        }
        w.write('"');
    }
}
