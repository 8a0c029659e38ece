package io.facteur.core.internal.shell;

import io.facteur.core.internal.archive.ArchivePurge;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.ShellUtil;

/**
 * {@code facteur:archive-purge}: deletes a dossier's archived documents whose retention ended. The
 * archive refuses anything younger; every deletion is journaled and on the invoice's timeline.
 */
@Service
@Command(
        scope = "facteur",
        name = "archive-purge",
        description = "Deletes the archived documents of a dossier whose retention ended")
public class ArchivePurgeCommand implements Action {
    @Reference ArchivePurge purge;

    @Option(name = "--dossier", aliases = "-d", required = true, description = "The dossier id")
    String dossier;

    @Override
    public Object execute() throws Exception {
        if (!purge.available()) {
            System.out.println("No archive is installed (feature facteur-archive)");
            return null;
        }
        String user = ShellUtil.getCurrentUserName();
        String by = "shell:" + (user == null ? "karaf" : user);
        List<String> purged = purge.purge(dossier, by);
        System.out.printf("%d invoice(s) purged from the archive of %s%n", purged.size(), dossier);
        purged.forEach(System.out::println);
        return null;
    }
}
