package io.facteur.core.internal.shell;

import io.facteur.api.Inbox.Source;
import io.facteur.core.internal.inbox.InboxService;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code facteur:import FILE... --dossier D}: puts files into a dossier's inbox. */
@Service
@Command(scope = "facteur", name = "import", description = "Imports invoice files into a dossier")
public class ImportCommand implements Action {
    @Reference InboxService inbox;

    @Option(name = "--dossier", aliases = "-d", required = true, description = "The dossier id")
    String dossier;

    @Argument(name = "files", required = true, multiValued = true, description = "PDF or XML files")
    @Completion(FileCompleter.class)
    List<String> files;

    @Override
    public Object execute() throws Exception {
        ShellTable table = new ShellTable();
        table.column("File");
        table.column("Outcome");
        table.column("Invoice");
        for (String name : files) {
            Path file = Path.of(name);
            String type =
                    name.toLowerCase(java.util.Locale.ROOT).endsWith(".pdf")
                            ? "application/pdf"
                            : "application/xml";
            try (InputStream in = Files.newInputStream(file)) {
                InboxService.Received r =
                        inbox.receive(
                                dossier,
                                in,
                                file.getFileName().toString(),
                                type,
                                new Source("shell", file.toAbsolutePath().toString()));
                table.addRow()
                        .addContent(name, r.alreadyKnown() ? "already there" : "accepted", r.id());
            } catch (Exception e) {
                table.addRow().addContent(name, "rejected: " + e.getMessage(), "");
            }
        }
        table.print(System.out);
        return null;
    }
}
