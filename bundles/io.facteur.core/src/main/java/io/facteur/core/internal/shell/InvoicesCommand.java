package io.facteur.core.internal.shell;

import io.facteur.core.internal.inbox.InboxService;
import io.facteur.core.internal.inbox.InvoiceFilter;
import io.facteur.core.internal.inbox.InvoiceRow;
import io.facteur.core.internal.inbox.InvoiceStatus;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code facteur:invoices --dossier D [--status S]}: the dossier's invoices, newest first. */
@Service
@Command(scope = "facteur", name = "invoices", description = "Lists a dossier's invoices")
public class InvoicesCommand implements Action {
    @Reference InboxService inbox;

    @Option(name = "--dossier", aliases = "-d", required = true, description = "The dossier id")
    String dossier;

    @Option(
            name = "--status",
            aliases = "-s",
            description = "Only this status (RECEIVED, REJECTED, INVALID, READY, FAILED)")
    String status;

    @Option(name = "--limit", description = "How many at most")
    int limit = 100;

    @Override
    public Object execute() throws Exception {
        InvoiceStatus only =
                status == null
                        ? null
                        : InvoiceStatus.valueOf(status.toUpperCase(java.util.Locale.ROOT));
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Status");
        table.column("Format");
        table.column("Number");
        table.column("Issued");
        table.column("Buyer");
        table.column("File");
        for (InvoiceRow r :
                inbox.invoices()
                        .list(
                                dossier,
                                new InvoiceFilter(
                                        only,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        0,
                                        Math.max(1, Math.min(limit, 500))))) {
            table.addRow()
                    .addContent(
                            r.id(),
                            r.status(),
                            value(r.format()),
                            value(r.number()),
                            r.issueDate() == null ? "" : r.issueDate().toString(),
                            value(r.buyerName()),
                            r.fileName());
        }
        table.print(System.out);
        return null;
    }

    private static String value(String s) {
        return s == null ? "" : s;
    }
}
