package org.lpa4j.cli.inference;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.lpa4j.api.data.OutputKind;
import org.lpa4j.api.inference.ExitResult;
import org.lpa4j.api.io.AtomicFiles;
import org.lpa4j.api.tensor.HostTensor;

/**
 * The answer of {@code predict} as CSV, one line per input row: its index, the depth it left at, then for a classifier
 * the top class (its label when the model has labels) and its probability, for regression every target.
 */
public final class PredictionCsv {
    private PredictionCsv() {
    }

    /** Writes {@code result} to {@code file} atomically. */
    public static void write(Path file, ExitResult result, OutputKind kind, List<String> labels) throws IOException {
        HostTensor p = result.predictions();
        int n = p.shape().dim(0);
        int width = p.size() / n;
        double[] v = p.toDoubleArray();
        AtomicFiles.write(file, stream -> {
            Writer out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
            if (kind == OutputKind.CLASSES) {
                out.write("row,depth,class,probability\n");
            } else {
                out.write("row,depth");
                for (int j = 1; j <= width; j++) {
                    out.write(",y" + j);
                }
                out.write('\n');
            }
            for (int i = 0; i < n; i++) {
                out.write(i + "," + result.depth(i));
                if (kind == OutputKind.CLASSES) {
                    int top = 0;
                    for (int c = 1; c < width; c++) {
                        top = v[i * width + c] > v[i * width + top] ? c : top;
                    }
                    double z = 0;
                    for (int c = 0; c < width; c++) {
                        z += Math.exp(v[i * width + c] - v[i * width + top]);
                    }
                    out.write("," + (labels == null ? String.valueOf(top) : quoted(labels.get(top))) + String.format(Locale.ROOT, ",%.6f", 1 / z));
                } else {
                    for (int j = 0; j < width; j++) {
                        out.write(String.format(Locale.ROOT, ",%.9g", v[i * width + j]));
                    }
                }
                out.write('\n');
            }
            out.flush();
        });
    }

    private static String quoted(String label) {
        return label.contains(",") || label.contains("\"") || label.contains("\n") ? "\"" + label.replace("\"", "\"\"") + "\"" : label;
    }
}
