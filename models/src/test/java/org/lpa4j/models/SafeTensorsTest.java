package org.lpa4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.tensor.Shape;

class SafeTensorsTest {
    @TempDir
    Path dir;

    private static Map<String, HostTensor> tensors() {
        Map<String, HostTensor> t = new LinkedHashMap<>();
        t.put("stem.weight", HostTensor.ofFloats(Shape.of(2, 3), 1.5f, -2.25f, 3e-8f, Float.MAX_VALUE, -0f, 7f));
        t.put("head.bias", HostTensor.ofDoubles(Shape.of(3), Math.PI, -1e300, 0.1));
        t.put("ids", HostTensor.ofInts(Shape.of(2, 2), 1, -2, Integer.MAX_VALUE, Integer.MIN_VALUE));
        return t;
    }

    @Test
    void writtenTensorsAndMetadata_readBackExactly_inOrder() throws IOException {
        Path file = dir.resolve("w.safetensors");
        SafeTensors.write(tensors(), Map.of("format", "lpa4j"), file);
        SafeTensors.Contents back = SafeTensors.read(file);
        assertEquals(tensors(), back.tensors());
        assertEquals(java.util.List.copyOf(tensors().keySet()), java.util.List.copyOf(back.tensors().keySet()));
        assertEquals(Map.of("format", "lpa4j"), back.metadata());
        long headerLength = java.nio.ByteBuffer.wrap(Files.readAllBytes(file), 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + headerLength) % 8, "the data starts 8-byte aligned");
    }

    @Test
    void theSameMetadataInAnotherOrder_givesTheSameBytes() throws IOException {
        Map<String, String> one = new LinkedHashMap<>();
        one.put("format", "lpa4j");
        one.put("architecture", "resnet");
        Map<String, String> other = new LinkedHashMap<>();
        other.put("architecture", "resnet");
        other.put("format", "lpa4j");
        SafeTensors.write(tensors(), one, dir.resolve("one.safetensors"));
        SafeTensors.write(tensors(), other, dir.resolve("other.safetensors"));
        assertTrue(Arrays.equals(Files.readAllBytes(dir.resolve("one.safetensors")), Files.readAllBytes(dir.resolve("other.safetensors"))),
                "the file must not depend on the order the metadata map iterates in");
    }

    @Test
    void pythonsStandardLibrary_readsTheFile() throws Exception {
        Path file = dir.resolve("w.safetensors");
        SafeTensors.write(tensors(), Map.of("format", "lpa4j"), file);
        String script = String.join("\n",
                "import json, struct, sys",
                "raw = open(sys.argv[1], 'rb').read()",
                "n = struct.unpack('<Q', raw[:8])[0]",
                "header = json.loads(raw[8:8 + n])",
                "data = raw[8 + n:]",
                "codes = {'F32': 'f', 'F64': 'd', 'I32': 'i'}",
                "for name, e in header.items():",
                "    if name == '__metadata__':",
                "        print('__metadata__|' + json.dumps(e, sort_keys=True)); continue",
                "    b, end = e['data_offsets']",
                "    count = (end - b) // struct.calcsize(codes[e['dtype']])",
                "    values = struct.unpack('<%d%s' % (count, codes[e['dtype']]), data[b:end])",
                "    print('|'.join([name, e['dtype'], json.dumps(e['shape']), ' '.join(repr(v) for v in values)]))");
        Path py = dir.resolve("read.py");
        Files.writeString(py, script);
        Process p;
        try {
            p = new ProcessBuilder("python3", py.toString(), file.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "python3 is not installed here, so the file cannot be read outside the JVM in this run: " + e.getMessage());
            return;
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        Map<String, String[]> lines = new LinkedHashMap<>();
        out.lines().forEach(l -> lines.put(l.split("\\|")[0], l.split("\\|")));
        assertEquals("{\"format\": \"lpa4j\"}", lines.get("__metadata__")[1]);
        Map<String, String> codes = Map.of("FLOAT32", "F32", "FLOAT64", "F64", "INT32", "I32");
        for (Map.Entry<String, HostTensor> e : tensors().entrySet()) {
            String[] parts = lines.get(e.getKey());
            assertEquals(codes.get(e.getValue().dtype().name()), parts[1], e.getKey() + " dtype");
            assertEquals(Arrays.toString(e.getValue().shape().dims()), parts[2], e.getKey() + " shape");
            String[] values = parts[3].split(" ");
            assertEquals(e.getValue().size(), values.length, e.getKey());
            for (int i = 0; i < values.length; i++) {
                assertEquals(e.getValue().getDouble(i), Double.parseDouble(values[i]), 0.0, e.getKey() + "[" + i + "]");
            }
        }
    }

    @Test
    void numpyReadsTheFile_whenItIsInstalled() throws Exception {
        Path file = dir.resolve("w.safetensors");
        SafeTensors.write(tensors(), Map.of(), file);
        String script = String.join("\n",
                "import json, struct, sys",
                "import numpy as np",
                "raw = open(sys.argv[1], 'rb').read()",
                "n = struct.unpack('<Q', raw[:8])[0]",
                "header = json.loads(raw[8:8 + n])",
                "codes = {'F32': '<f4', 'F64': '<f8', 'I32': '<i4'}",
                "for name, e in header.items():",
                "    b, end = e['data_offsets']",
                "    a = np.frombuffer(raw, dtype=codes[e['dtype']], count=(end - b) // np.dtype(codes[e['dtype']]).itemsize,"
                        + " offset=8 + n + b).reshape(e['shape'])",
                "    print(name + '|' + repr(float(a.astype(np.float64).sum())) + '|' + str(list(a.shape)))");
        Path py = dir.resolve("read_numpy.py");
        Files.writeString(py, script);
        Process probe;
        try {
            probe = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "python3 is not installed here: " + e.getMessage());
            return;
        }
        assumeTrue(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0, "numpy is not installed for python3 here (Debian: python3-numpy)");
        Process p = new ProcessBuilder("python3", py.toString(), file.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        Map<String, String[]> lines = new LinkedHashMap<>();
        out.lines().forEach(l -> lines.put(l.split("\\|")[0], l.split("\\|")));
        for (Map.Entry<String, HostTensor> e : tensors().entrySet()) {
            double sum = 0;
            for (int i = 0; i < e.getValue().size(); i++) {
                sum += e.getValue().getDouble(i);
            }
            assertEquals(sum, Double.parseDouble(lines.get(e.getKey())[1]), Math.abs(sum) * 1e-12, e.getKey());
            assertEquals(Arrays.toString(e.getValue().shape().dims()), lines.get(e.getKey())[2], e.getKey());
        }
    }

    @Test
    void truncatedFile_isRefusedWithASentence() throws IOException {
        Path file = dir.resolve("w.safetensors");
        SafeTensors.write(tensors(), Map.of(), file);
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length - 5));
        BundleException e = assertThrows(BundleException.class, () -> SafeTensors.read(file));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        Files.write(file, Arrays.copyOf(all, 20));
        e = assertThrows(BundleException.class, () -> SafeTensors.read(file));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void garbageHeader_andUnknownDtype_areRefused() throws IOException {
        Path file = dir.resolve("w.safetensors");
        byte[] header = "{\"a\": {\"dtype\": \"BF16\", \"shape\": [1], \"data_offsets\": [0, 2]}}".getBytes(StandardCharsets.UTF_8);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + header.length + 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header).put((byte) 0).put((byte) 0);
        Files.write(file, b.array());
        BundleException e = assertThrows(BundleException.class, () -> SafeTensors.read(file));
        assertTrue(e.getMessage().contains("BF16"), e.getMessage());
        Files.write(file, "this is not a safetensors file at all".getBytes(StandardCharsets.UTF_8));
        e = assertThrows(BundleException.class, () -> SafeTensors.read(file));
        assertTrue(e.getMessage().contains("not a complete safetensors file"), e.getMessage());
    }
}
