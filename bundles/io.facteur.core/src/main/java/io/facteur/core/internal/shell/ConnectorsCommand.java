package io.facteur.core.internal.shell;

import io.facteur.core.internal.export.Connectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code facteur:connectors}: a dossier's export connectors and where they stand. */
@Service
@Command(
        scope = "facteur",
        name = "connectors",
        description = "Lists the export connectors of a dossier")
public class ConnectorsCommand implements Action {
    @Reference Connectors connectors;

    @Option(name = "--dossier", aliases = "-d", required = true, description = "The dossier id")
    String dossier;

    @Override
    public Object execute() throws Exception {
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Name");
        table.column("Kind");
        table.column("State");
        table.column("Format");
        table.column("Configuration");
        for (Connectors.View v : connectors.list(dossier)) {
            table.addRow()
                    .addContent(
                            v.row().id(),
                            v.row().name(),
                            v.row().capability() + (v.installed() ? "" : " (not installed)"),
                            v.state(),
                            v.row().format(),
                            v.pid());
        }
        table.print(System.out);
        return null;
    }
}
