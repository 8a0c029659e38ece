package io.facteur.core.internal.shell;

import io.facteur.api.Dossiers.Dossier;
import io.facteur.core.internal.dossier.DossierService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code facteur:dossiers}: the dossiers with their language and defaults. */
@Service
@Command(scope = "facteur", name = "dossiers", description = "Lists Facteur's dossiers")
public class DossiersCommand implements Action {
    @Reference DossierService dossiers;

    @Override
    public Object execute() throws Exception {
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Name");
        table.column("Country");
        table.column("Language");
        table.column("Payment term");
        table.column("Duplicates");
        for (Dossier d : dossiers.list()) {
            var defaults = dossiers.defaults(d.id());
            table.addRow()
                    .addContent(
                            d.id(),
                            d.name(),
                            d.country(),
                            defaults.language(),
                            defaults.paymentTermDays() + " d",
                            defaults.duplicateMode());
        }
        table.print(System.out);
        return null;
    }
}
