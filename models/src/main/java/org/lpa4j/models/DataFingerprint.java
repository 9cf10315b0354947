package org.lpa4j.models;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.lpa4j.api.data.DataSplits;
import org.lpa4j.api.data.TensorDataset;
import org.lpa4j.api.tensor.HostTensor;

/**
 * The SHA-256 of a task's data as the trainer saw it: every split's inputs and targets, each tensor's element type,
 * shape and little-endian values in order. Two runs on the same data give the same digest whatever their source.
 */
public final class DataFingerprint {
    /** Values hashed per update. */
    private static final int CHUNK = 8192;

    private DataFingerprint() {
    }

    /** The digest of the train, validation and test splits, in that order. */
    public static String sha256(DataSplits data) {
        MessageDigest d = Sha256.digest();
        for (TensorDataset split : new TensorDataset[] {data.train(), data.validation(), data.test()}) {
            update(d, split.x());
            update(d, split.y());
        }
        return Sha256.hex(d);
    }

    private static void update(MessageDigest d, HostTensor t) {
        d.update((t.dtype() + t.shape().toString()).getBytes(StandardCharsets.UTF_8));
        ByteBuffer b = ByteBuffer.allocate(CHUNK * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < t.size(); i++) {
            if (b.remaining() < Double.BYTES) {
                d.update(b.array(), 0, b.position());
                b.clear();
            }
            switch (t.dtype()) {
                case FLOAT32:
                    b.putFloat((float) t.getDouble(i));
                    break;
                case FLOAT64:
                    b.putDouble(t.getDouble(i));
                    break;
                default:
                    b.putInt((int) t.getDouble(i));
            }
        }
        d.update(b.array(), 0, b.position());
    }
}
