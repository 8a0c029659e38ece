package io.facteur.core.internal.shell;

import io.facteur.core.internal.export.Exports;
import java.time.LocalDate;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.ShellUtil;

/**
 * {@code facteur:export-replay}: exports again, from the archive, the documents of a dossier issued
 * in a period, through one connector (a receiver lost files).
 */
@Service
@Command(
        scope = "facteur",
        name = "export-replay",
        description =
                "Exports again the documents issued in a period (both days included) through a"
                        + " connector")
public class ExportReplayCommand implements Action {
    @Reference Exports exports;

    @Option(name = "--dossier", aliases = "-d", required = true, description = "The dossier id")
    String dossier;

    @Argument(index = 0, name = "connector", required = true, description = "The connector id")
    String connector;

    @Argument(index = 1, name = "from", required = true, description = "First day, YYYY-MM-DD")
    String from;

    @Argument(index = 2, name = "to", required = true, description = "Last day, YYYY-MM-DD")
    String to;

    @Override
    public Object execute() throws Exception {
        String user = ShellUtil.getCurrentUserName();
        String by = "shell:" + (user == null ? "karaf" : user);
        var replay =
                exports.replay(dossier, connector, LocalDate.parse(from), LocalDate.parse(to), by);
        if (replay.isEmpty()) {
            System.out.println("No connector " + connector + " in dossier " + dossier);
            return null;
        }
        System.out.printf(
                "Replay %s: %d export(s) queued, %d document(s) left out by the dossier's rules or"
                        + " the connector's documents%n",
                replay.get().id(), replay.get().queued(), replay.get().skipped());
        return null;
    }
}
