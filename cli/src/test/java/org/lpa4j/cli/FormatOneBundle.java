package org.lpa4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.lpa4j.models.Models;

/** A copy of a saved model as bundle format 1 wrote it: no input preprocessing, no data options, no exit policy. */
public final class FormatOneBundle {
    private FormatOneBundle() {
    }

    /** Copies the bundle {@code model} to the new folder {@code copy} and removes from its manifest what format 2 added. */
    public static Path copy(Path model, Path copy) throws IOException {
        Files.createDirectories(copy);
        for (String f : List.of(Models.MANIFEST_FILE, Models.WEIGHTS_FILE)) {
            Files.copy(model.resolve(f), copy.resolve(f));
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(copy.resolve(Models.MANIFEST_FILE).toFile());
        manifest.put("format_version", 1);
        ((ObjectNode) manifest.get("input")).remove("preprocessing");
        ((ObjectNode) manifest.get("provenance")).remove("task_options");
        manifest.putNull("exit_policy");
        json.writeValue(copy.resolve(Models.MANIFEST_FILE).toFile(), manifest);
        return copy;
    }
}
