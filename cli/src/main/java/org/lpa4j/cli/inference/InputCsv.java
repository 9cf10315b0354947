package org.lpa4j.cli.inference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/**
 * New inputs for a saved model from a CSV file: one example per non-blank line, its values comma-separated in the
 * order of the model's example shape (features; or an image's channels, rows and columns, preprocessed as in training;
 * or token ids for a token model). A line of another length, a value that is not a finite number, a token id outside
 * the vocabulary or an empty file is a sentence naming the line.
 */
public final class InputCsv {
    private InputCsv() {
    }

    /** The examples of {@code file} as one batch {@code [n, exampleShape...]} of {@code dtype} (INT32 for token ids). */
    public static HostTensor read(Path file, int[] exampleShape, DType dtype, int vocabulary) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new Lpa4jException("There is no input file " + file + "; give a CSV file with one example per line.");
        } catch (IOException e) {
            throw new Lpa4jException("The input file " + file + " could not be read (" + e.getMessage() + ").");
        }
        int width = Arrays.stream(exampleShape).reduce(1, (a, b) -> a * b);
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != width) {
                throw new Lpa4jException("Line " + (i + 1) + " of " + file + " has " + cells.length + " values but the model reads " + width
                        + " per example (shape " + Arrays.toString(exampleShape) + ").");
            }
            double[] row = new double[width];
            for (int j = 0; j < width; j++) {
                row[j] = value(cells[j].strip(), file, i + 1, j + 1, dtype, vocabulary);
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new Lpa4jException("The input file " + file + " has no examples; give one example per line.");
        }
        int[] dims = new int[exampleShape.length + 1];
        dims[0] = rows.size();
        System.arraycopy(exampleShape, 0, dims, 1, exampleShape.length);
        double[] all = new double[rows.size() * width];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, all, i * width, width);
        }
        return HostTensor.fromDoubles(dtype, Shape.of(dims), all);
    }

    private static double value(String cell, Path file, int line, int column, DType dtype, int vocabulary) {
        double v;
        try {
            v = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (!Double.isFinite(v)) {
            throw new Lpa4jException("Value " + column + " on line " + line + " of " + file + " is '" + cell + "', not a finite number.");
        }
        if (dtype == DType.INT32 && (v != Math.rint(v) || v < 0 || v >= vocabulary)) {
            throw new Lpa4jException("Value " + column + " on line " + line + " of " + file + " is " + cell + ", but the model reads token ids"
                    + " 0.." + (vocabulary - 1) + ".");
        }
        return v;
    }
}
