package org.lpa4j.api.params;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.io.AtomicFiles;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/**
 * Saves and loads a {@link ParameterSet} in lpa4j's weights format: a magic header, then each parameter's name,
 * type, shape and values, then a CRC-32 of everything before it. Writes are atomic (a temporary file moved into
 * place), and a truncated or corrupted file is reported as such.
 */
public final class ParameterFiles {
    private static final String MAGIC = "LPA4J-WEIGHTS-1";

    private ParameterFiles() {
    }

    /** Writes {@code values} to {@code file} atomically. */
    public static void write(ParameterSet values, Path file) throws IOException {
        AtomicFiles.write(file, stream -> {
            CRC32 crc = new CRC32();
            OutputStream raw = new BufferedOutputStream(stream);
            DataOutputStream out = new DataOutputStream(new CheckedOutputStream(raw, crc));
            out.writeUTF(MAGIC);
            out.writeInt(values.size());
            for (Map.Entry<String, HostTensor> e : values.asMap().entrySet()) {
                HostTensor t = e.getValue();
                out.writeUTF(e.getKey());
                out.writeUTF(t.dtype().name());
                int[] dims = t.shape().dims();
                out.writeInt(dims.length);
                for (int d : dims) {
                    out.writeInt(d);
                }
                for (int i = 0; i < t.size(); i++) {
                    if (t.dtype() == DType.FLOAT32) {
                        out.writeFloat((float) t.getDouble(i));
                    } else {
                        out.writeDouble(t.getDouble(i));
                    }
                }
            }
            out.flush();
            raw.write(longBytes(crc.getValue()));
            raw.flush();
        });
    }

    /** Reads a file written by {@link #write}; a wrong format, truncation or checksum mismatch is a clear error. */
    public static ParameterSet read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new Lpa4jException("Weights file " + file + " does not exist; train a model with 'lpa4j fit --out DIR' first.");
        }
        CRC32 crc = new CRC32();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             CheckedInputStream checked = new CheckedInputStream(raw, crc);
             DataInputStream in = new DataInputStream(checked)) {
            String magic;
            try {
                magic = in.readUTF();
            } catch (IOException e) {
                throw corrupt(file, "it does not start with the lpa4j weights header");
            }
            if (!MAGIC.equals(magic)) {
                throw corrupt(file, "it does not start with the lpa4j weights header");
            }
            int count = in.readInt();
            if (count < 0 || count > 1_000_000) {
                throw corrupt(file, "the parameter count " + count + " is impossible");
            }
            Map<String, HostTensor> values = new LinkedHashMap<>();
            for (int p = 0; p < count; p++) {
                String name = in.readUTF();
                DType dtype;
                try {
                    dtype = DType.valueOf(in.readUTF());
                } catch (IllegalArgumentException e) {
                    throw corrupt(file, "parameter '" + name + "' has an unknown element type");
                }
                int rank = in.readInt();
                if (rank < 0 || rank > 16) {
                    throw corrupt(file, "parameter '" + name + "' has an impossible rank " + rank);
                }
                int[] dims = new int[rank];
                long size = 1;
                for (int i = 0; i < rank; i++) {
                    dims[i] = in.readInt();
                    if (dims[i] <= 0) {
                        throw corrupt(file, "parameter '" + name + "' has an impossible dimension " + dims[i]);
                    }
                    size *= dims[i];
                }
                if (size > Integer.MAX_VALUE / 8) {
                    throw corrupt(file, "parameter '" + name + "' is impossibly large");
                }
                double[] data = new double[(int) size];
                for (int i = 0; i < size; i++) {
                    data[i] = dtype == DType.FLOAT32 ? in.readFloat() : in.readDouble();
                }
                values.put(name, HostTensor.fromDoubles(dtype, Shape.of(dims), data));
            }
            long expected = crc.getValue();
            byte[] stored = raw.readNBytes(8);
            if (stored.length != 8 || bytesLong(stored) != expected) {
                throw corrupt(file, "its checksum does not match its contents");
            }
            return ParameterSet.of(values);
        } catch (EOFException e) {
            throw corrupt(file, "it ends early (truncated)");
        }
    }

    private static Lpa4jException corrupt(Path file, String why) {
        return new Lpa4jException("Weights file " + file + " is corrupted: " + why + ". Re-create it with 'lpa4j fit --out DIR'.");
    }

    private static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }

    private static long bytesLong(byte[] b) {
        long v = 0;
        for (byte x : b) {
            v = (v << 8) | (x & 0xff);
        }
        return v;
    }
}
