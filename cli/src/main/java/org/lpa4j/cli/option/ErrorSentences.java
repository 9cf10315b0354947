package org.lpa4j.cli.option;

import org.lpa4j.api.InvalidSettingException;
import org.lpa4j.api.backend.BackendException;
import org.lpa4j.api.backend.UnsupportedCapabilityException;
import org.lpa4j.api.io.FolderExistsException;
import org.lpa4j.api.io.Occupant;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the command line prints for an exception of a command: the library's sentence, which says what to change in
 * library terms, completed with the flag of the command that changes it or the command that shows what to choose from.
 */
public final class ErrorSentences {
    /** How a user of the command line sees which backends load and what each can do, and chooses one. */
    static final String BACKENDS = " ('lpa4j backends' lists the backends found, whether each loads and its capabilities; choose one with"
            + " --backend NAME.)";

    private ErrorSentences() {
    }

    /** The sentence for {@code e}, thrown by {@code command}. */
    public static String of(Exception e, CommandSpec command) {
        if (e instanceof InvalidSettingException setting) {
            return SettingFlags.explain(setting, command);
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        boolean aboutBackends = e instanceof BackendException || e instanceof UnsupportedCapabilityException;
        if (aboutBackends && command.findOption("--backend") != null) {
            return message + BACKENDS;
        }
        return resultInTheWay(e) && command.findOption("--out") != null && command.findOption("--overwrite") == null
                ? message + " (lpa4j " + command.name() + " writes --out as a new folder and replaces none; give --out a folder that does not exist yet.)"
                : message;
    }

    /** Whether {@code e} (or what caused it) says an earlier result is in the way of the folder being written. */
    private static boolean resultInTheWay(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FolderExistsException exists && exists.occupant() == Occupant.RESULT) {
                return true;
            }
        }
        return false;
    }
}
