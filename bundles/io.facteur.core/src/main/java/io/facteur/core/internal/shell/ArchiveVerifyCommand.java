package io.facteur.core.internal.shell;

import io.facteur.api.Archive;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code facteur:archive-verify}: checks a dossier's legal archive and names every problem. */
@Service
@Command(
        scope = "facteur",
        name = "archive-verify",
        description = "Re-hashes a dossier's archive, walks its journal and checks its seals")
public class ArchiveVerifyCommand implements Action {
    @Reference(optional = true)
    Archive archive;

    @Option(name = "--dossier", aliases = "-d", required = true, description = "The dossier id")
    String dossier;

    @Override
    public Object execute() {
        if (archive == null) {
            System.out.println("No archive is installed (feature facteur-archive)");
            return null;
        }
        Archive.IntegrityReport report = archive.verify(dossier);
        System.out.printf(
                "%s: %d entries, %d bytes, %d seals checked%n",
                report.intact() ? "INTACT" : "NOT INTACT",
                report.entriesChecked(),
                report.bytesChecked(),
                report.sealsChecked());
        if (!report.problems().isEmpty()) {
            ShellTable table = new ShellTable();
            table.column("Problem");
            table.column("Invoice");
            table.column("Entry");
            table.column("Detail");
            for (Archive.Problem p : report.problems()) {
                table.addRow().addContent(p.kind(), p.documentId(), p.seq(), p.detail());
            }
            table.print(System.out);
        }
        for (String blob : report.unjournaledBlobs()) {
            System.out.println("Stored but never journaled (an interrupted store): " + blob);
        }
        return null;
    }
}
