package org.lpa4j.backend.onnxruntime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.lpa4j.api.tensor.HostTensor;

/**
 * The direct buffers that host values are copied into for ONNX Runtime, reused from tensor to tensor. ONNX Runtime reads
 * a direct buffer in place, while from a heap array it makes a fresh direct buffer per tensor, whose memory is new to the
 * process (zeroed, then faulted in): about 3.5 ms for one MNIST batch of 256 images (800 KB) on the 2-core build
 * machine, against 0.06 ms for the copy into a reused buffer, and more than half of a depth-1 run. A buffer comes back
 * when its tensor closes; at most {@link #KEPT} are kept. Used under the store's monitor.
 */
final class OnnxRuntimeStaging {
    /** The free buffers kept at most (a run's inputs and a few resident uploads). */
    static final int KEPT = 8;
    private final List<ByteBuffer> free = new ArrayList<>();

    /** A host value in ONNX Runtime, over a staging buffer that {@link #release} returns. */
    record Staged(OnnxTensor tensor, ByteBuffer buffer) {
    }

    /** {@code value} copied into a staging buffer and wrapped (not copied again) by ONNX Runtime. */
    Staged stage(OrtEnvironment env, HostTensor value) throws OrtException {
        int bytes = value.size() * value.dtype().byteSize();
        ByteBuffer buffer = take(bytes);
        switch (value.dtype()) {
            case FLOAT32 -> buffer.asFloatBuffer().put(value.floatsUnsafe());
            case FLOAT64 -> buffer.asDoubleBuffer().put(value.doublesUnsafe());
            case INT32 -> buffer.asIntBuffer().put(value.intsUnsafe());
        }
        long[] shape = OnnxRuntimeProgram.longs(value.shape());
        try {
            OnnxTensor tensor = switch (value.dtype()) {
                case FLOAT32 -> OnnxTensor.createTensor(env, buffer.asFloatBuffer(), shape);
                case FLOAT64 -> OnnxTensor.createTensor(env, buffer.asDoubleBuffer(), shape);
                case INT32 -> OnnxTensor.createTensor(env, buffer.asIntBuffer(), shape);
            };
            return new Staged(tensor, buffer);
        } catch (OrtException | RuntimeException e) {
            give(buffer);
            throw e;
        }
    }

    /** Closes the tensor and takes its buffer back. */
    void release(Staged staged) {
        staged.tensor().close();
        give(staged.buffer());
    }

    /** The smallest free buffer of at least {@code bytes} (limited to them), or a new one. */
    private ByteBuffer take(int bytes) {
        int best = -1;
        for (int i = 0; i < free.size(); i++) {
            int capacity = free.get(i).capacity();
            if (capacity >= bytes && (best < 0 || capacity < free.get(best).capacity())) {
                best = i;
            }
        }
        ByteBuffer buffer = best >= 0 ? free.remove(best) : ByteBuffer.allocateDirect(Math.max(bytes, 8)).order(ByteOrder.nativeOrder());
        buffer.clear().limit(bytes);
        return buffer;
    }

    private void give(ByteBuffer buffer) {
        free.add(buffer);
        if (free.size() > KEPT) {
            // Drop the smallest: the large ones are those whose allocation costs.
            int smallest = 0;
            for (int i = 1; i < free.size(); i++) {
                if (free.get(i).capacity() < free.get(smallest).capacity()) {
                    smallest = i;
                }
            }
            free.remove(smallest);
        }
    }
}
