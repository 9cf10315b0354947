package org.lpa4j.trainers;

import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.tensor.HostTensor;
import org.lpa4j.api.training.TrainingConfig;

/**
 * The settings that make a training run what it is, by name and as text, which a checkpoint records and a resumed run
 * must repeat: the trainer and its settings, every field of the training configuration, the network (architecture, depth,
 * parameter shapes) and a checksum of the training and validation data.
 */
public final class RunIdentity {
    private RunIdentity() {
    }

    /** The identity of a run of {@code trainer} with {@code settings} under {@code config} on {@code network} and {@code data}. */
    public static Map<String, String> of(String trainer, Map<String, Object> settings, TrainingConfig config, ResidualNetwork network,
                                  DataSplits data) {
        Map<String, String> id = new LinkedHashMap<>();
        id.put("trainer", trainer);
        settings.forEach((k, v) -> id.put(k, String.valueOf(v)));
        for (RecordComponent c : TrainingConfig.class.getRecordComponents()) {
            try {
                id.put(c.getName(), String.valueOf(c.getAccessor().invoke(config)));
            } catch (ReflectiveOperationException e) {
                throw new Lpa4jException("The training configuration's " + c.getName() + " could not be read: " + e.getMessage(), e);
            }
        }
        StringBuilder shapes = new StringBuilder();
        for (ParameterSpec spec : network.parameters()) {
            shapes.append(spec.name()).append(spec.shape()).append(';');
        }
        id.put("network", network.name() + " of depth " + network.depth() + " (parameter shapes checksum " + checksum(shapes.toString()) + ")");
        id.put("data", data.train().size() + " training and " + data.validation().size() + " validation examples (checksum "
                + Long.toHexString(checksum(data.train(), data.validation())) + ")");
        return id;
    }

    private static String checksum(String text) {
        CRC32C crc = new CRC32C();
        crc.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }

    private static long checksum(TensorDataset... sets) {
        CRC32C crc = new CRC32C();
        for (TensorDataset d : sets) {
            for (HostTensor t : new HostTensor[] {d.x(), d.y()}) {
                double[] values = t.toDoubleArray();
                ByteBuffer buffer = ByteBuffer.allocate(Double.BYTES * values.length);
                buffer.asDoubleBuffer().put(values);
                crc.update(buffer);
                crc.update(t.shape().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return crc.getValue();
    }
}
