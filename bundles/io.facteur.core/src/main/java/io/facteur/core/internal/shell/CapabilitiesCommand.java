package io.facteur.core.internal.shell;

import io.facteur.core.internal.registry.CapabilityInfo;
import io.facteur.core.internal.registry.CapabilityRegistry;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code facteur:capabilities}: the capabilities installed, as the REST API lists them. */
@Service
@Command(
        scope = "facteur",
        name = "capabilities",
        description = "Lists Facteur's installed capabilities")
public class CapabilitiesCommand implements Action {
    @Reference CapabilityRegistry registry;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Kind");
        table.column("Label");
        table.column("Bundle");
        table.column("Version");
        table.column("State");
        for (CapabilityInfo c : registry.list()) {
            table.addRow()
                    .addContent(c.id(), c.kind(), c.label(), c.bundle(), c.version(), c.state());
        }
        table.print(System.out);
        return null;
    }
}
