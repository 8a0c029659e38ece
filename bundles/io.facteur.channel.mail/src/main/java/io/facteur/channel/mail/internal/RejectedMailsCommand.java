package io.facteur.channel.mail.internal;

import java.util.List;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code facteur:mail-rejected}: the mails kept in the Rejected folder, newest first. */
@Service
@Command(
        scope = "facteur",
        name = "mail-rejected",
        description = "Lists the mails of the import mailbox that were rejected, with the reason")
public class RejectedMailsCommand implements Action {
    @Reference MailboxReader reader;

    @Option(name = "--dossier", aliases = "-d", description = "Only the mails for this dossier")
    String dossier;

    @Option(name = "--limit", aliases = "-n", description = "Most mails listed (50)")
    int limit = 50;

    @Override
    public Object execute() throws Exception {
        Texts texts = Texts.of(Locale.getDefault());
        List<MailLedger.Rejected> rows =
                reader.ledger()
                        .rejected(
                                dossier,
                                Math.max(1, Math.min(limit, RejectedMailsResource.MAX_LIMIT)));
        if (rows.isEmpty()) {
            System.out.println(texts.get("shell.none"));
            return null;
        }
        ShellTable table = new ShellTable();
        for (String c : new String[] {"When", "Dossier", "Sender", "Subject", "Reason", "Detail"}) {
            table.column(c);
        }
        for (MailLedger.Rejected r : rows) {
            table.addRow()
                    .addContent(
                            r.at(),
                            r.dossier() == null ? "-" : r.dossier(),
                            r.sender(),
                            Text.bound(r.subject(), 40),
                            texts.reason(r.reason()),
                            Text.bound(r.detail(), 60));
        }
        table.print(System.out);
        return null;
    }
}
