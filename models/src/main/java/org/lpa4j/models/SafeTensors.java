package org.lpa4j.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

/**
 * Reads and writes the safetensors format (as Hugging Face's {@code safetensors} and numpy read it): an 8-byte
 * little-endian header length N, N bytes of JSON {@code {name: {"dtype", "shape", "data_offsets": [begin, end]}}} with an
 * optional {@code "__metadata__"} map of strings, padded with spaces to a multiple of 8, then the tensors' raw
 * little-endian bytes, back to back in header order. Element types F32, F64 and I32. Reading checks the whole file: a
 * truncated file, a header that is not such JSON, overlapping, missing or extra bytes are each a {@link BundleException}.
 */
public final class SafeTensors {
    /** The header key of the free-form string metadata. */
    public static final String METADATA = "__metadata__";
    /** The largest header this reader accepts (as the reference implementation: 100 MB). */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The tensors of a file, in the order of their bytes, and its metadata. */
    public record Contents(Map<String, HostTensor> tensors, Map<String, String> metadata) {
        public Contents {
            tensors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = Map.copyOf(metadata);
        }
    }

    private SafeTensors() {
    }

    /**
     * Writes {@code tensors} (in map order) with {@code metadata} (sorted by key, so the same values give the same bytes
     * whatever order the map iterates in) to {@code file}, which must not exist.
     */
    public static void write(Map<String, HostTensor> tensors, Map<String, String> metadata, Path file) throws IOException {
        Objects.requireNonNull(tensors, "tensors is null");
        Objects.requireNonNull(metadata, "metadata is null");
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            header.put(METADATA, new TreeMap<>(metadata));
        }
        long offset = 0;
        for (Map.Entry<String, HostTensor> e : tensors.entrySet()) {
            if (METADATA.equals(e.getKey())) {
                throw new BundleException("A tensor may not be named " + METADATA + ", the key safetensors keeps for metadata.");
            }
            HostTensor t = e.getValue();
            long bytes = (long) t.size() * t.dtype().byteSize();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", code(t.dtype()));
            entry.put("shape", t.shape().dims());
            entry.put("data_offsets", new long[] {offset, offset + bytes});
            header.put(e.getKey(), entry);
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
            out.write(json);
            for (int i = json.length; i < padded; i++) {
                out.write(' ');
            }
            for (HostTensor t : tensors.values()) {
                out.write(bytes(t));
            }
        }
    }

    /** Reads a whole file; anything that is not a complete safetensors file of F32, F64 and I32 tensors is a {@link BundleException}. */
    public static Contents read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw corrupt(file, "it is " + size + " bytes long, shorter than the 8-byte header length (truncated)");
            }
            long headerLength = readFully(channel, 0, 8, file).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength < 2 || headerLength > MAX_HEADER_BYTES) {
                throw corrupt(file, "its header length " + headerLength + " is impossible (not a safetensors file)");
            }
            if (headerLength > size - 8) {
                throw corrupt(file, "its header should be " + headerLength + " bytes but the file holds only " + (size - 8) + " more (truncated)");
            }
            byte[] headerBytes = new byte[(int) headerLength];
            readFully(channel, 8, (int) headerLength, file).get(headerBytes);
            JsonNode header;
            try {
                header = JSON.readTree(new String(headerBytes, StandardCharsets.UTF_8).strip());
            } catch (JsonProcessingException e) {
                throw corrupt(file, "its header is not valid JSON (" + e.getOriginalMessage() + ")");
            }
            if (header == null || !header.isObject()) {
                throw corrupt(file, "its header is not a JSON object");
            }
            long dataStart = 8 + headerLength;
            long dataLength = size - dataStart;
            Map<String, String> metadata = new LinkedHashMap<>();
            List<Entry> entries = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (METADATA.equals(field.getKey())) {
                    readMetadata(file, field.getValue(), metadata);
                } else {
                    entries.add(entry(file, field.getKey(), field.getValue()));
                }
            }
            entries.sort(Comparator.comparingLong(Entry::begin));
            long expected = 0;
            for (Entry e : entries) {
                if (e.begin() != expected) {
                    throw corrupt(file, "tensor '" + e.name() + "' starts at byte " + e.begin() + " of the data but the previous tensor ends at "
                            + expected + (e.begin() < expected ? " (they overlap)" : " (a gap)"));
                }
                expected = e.end();
            }
            if (expected > dataLength) {
                throw corrupt(file, "its tensors need " + expected + " bytes of data but the file holds " + dataLength + " (truncated)");
            }
            if (expected < dataLength) {
                throw corrupt(file, "it holds " + (dataLength - expected) + " bytes after the last tensor");
            }
            Map<String, HostTensor> tensors = new LinkedHashMap<>();
            for (Entry e : entries) {
                ByteBuffer data = readFully(channel, dataStart + e.begin(), (int) (e.end() - e.begin()), file).order(ByteOrder.LITTLE_ENDIAN);
                tensors.put(e.name(), tensor(e.dtype(), e.shape(), data));
            }
            return new Contents(tensors, metadata);
        }
    }

    private record Entry(String name, DType dtype, Shape shape, long begin, long end) {
    }

    private static Entry entry(Path file, String name, JsonNode node) {
        if (!node.isObject() || !node.path("dtype").isTextual() || !node.path("shape").isArray() || !node.path("data_offsets").isArray()
                || node.path("data_offsets").size() != 2) {
            throw corrupt(file, "the header entry of tensor '" + name + "' lacks its dtype, shape or two data_offsets");
        }
        DType dtype = dtype(file, name, node.get("dtype").asText());
        int[] dims = new int[node.get("shape").size()];
        long count = 1;
        for (int i = 0; i < dims.length; i++) {
            JsonNode d = node.get("shape").get(i);
            if (!d.canConvertToInt() || d.asInt() < 0) {
                throw corrupt(file, "tensor '" + name + "' has an impossible shape " + node.get("shape"));
            }
            dims[i] = d.asInt();
            count *= dims[i];
            if (count > Integer.MAX_VALUE) {
                throw corrupt(file, "tensor '" + name + "' has more elements than lpa4j can hold");
            }
        }
        JsonNode offsets = node.get("data_offsets");
        if (!offsets.get(0).canConvertToLong() || !offsets.get(1).canConvertToLong()) {
            throw corrupt(file, "tensor '" + name + "' has data_offsets that are not whole numbers");
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        if (begin < 0 || end - begin != count * dtype.byteSize()) {
            throw corrupt(file, "tensor '" + name + "' of shape " + node.get("shape") + " and dtype " + code(dtype) + " needs "
                    + count * dtype.byteSize() + " bytes but its data_offsets " + offsets + " span " + (end - begin));
        }
        return new Entry(name, dtype, Shape.of(dims), begin, end);
    }

    private static void readMetadata(Path file, JsonNode node, Map<String, String> metadata) {
        if (!node.isObject()) {
            throw corrupt(file, "its " + METADATA + " is not a JSON object of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> m = it.next();
            if (!m.getValue().isTextual()) {
                throw corrupt(file, "its " + METADATA + " entry '" + m.getKey() + "' is not a string");
            }
            metadata.put(m.getKey(), m.getValue().asText());
        }
    }

    private static String code(DType dtype) {
        switch (dtype) {
            case FLOAT32:
                return "F32";
            case FLOAT64:
                return "F64";
            default:
                return "I32";
        }
    }

    private static DType dtype(Path file, String name, String code) {
        switch (code) {
            case "F32":
                return DType.FLOAT32;
            case "F64":
                return DType.FLOAT64;
            case "I32":
                return DType.INT32;
            default:
                throw corrupt(file, "tensor '" + name + "' has dtype " + code + ", which lpa4j does not read (it reads F32, F64 and I32)");
        }
    }

    private static byte[] bytes(HostTensor t) {
        ByteBuffer b = ByteBuffer.allocate(t.size() * t.dtype().byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        switch (t.dtype()) {
            case FLOAT32:
                b.asFloatBuffer().put(t.floatsUnsafe());
                break;
            case FLOAT64:
                b.asDoubleBuffer().put(t.doublesUnsafe());
                break;
            default:
                b.asIntBuffer().put(t.intsUnsafe());
        }
        return b.array();
    }

    private static HostTensor tensor(DType dtype, Shape shape, ByteBuffer data) {
        int n = (int) shape.size();
        switch (dtype) {
            case FLOAT32: {
                float[] v = new float[n];
                data.asFloatBuffer().get(v);
                return HostTensor.ofFloats(shape, v);
            }
            case FLOAT64: {
                double[] v = new double[n];
                data.asDoubleBuffer().get(v);
                return HostTensor.ofDoubles(shape, v);
            }
            default: {
                int[] v = new int[n];
                data.asIntBuffer().get(v);
                return HostTensor.ofInts(shape, v);
            }
        }
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length, Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw corrupt(file, "it ends early (truncated)");
            }
        }
        return buffer.flip();
    }

    private static BundleException corrupt(Path file, String why) {
        return new BundleException("The weights file " + file + " is not a complete safetensors file: " + why
                + ". Save the model again, or restore the file from a copy.");
    }
}
