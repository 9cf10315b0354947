package org.lpa4j.architectures.resnet;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lpa4j.api.Lpa4jException;
import org.lpa4j.api.compile.InputSpec;
import org.lpa4j.api.layers.Conv2d;
import org.lpa4j.api.layers.Dense;
import org.lpa4j.api.model.Hyperparameters;
import org.lpa4j.api.model.ResidualNetwork;
import org.lpa4j.api.ops.Ops;
import org.lpa4j.api.params.ParameterSpec;
import org.lpa4j.api.params.Parameters;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.tensor.Tensor;

/**
 * An isotropic ResNet for images {@code x [N, C, H, W]}: a patchify stem (a {@code p x p} convolution with stride
 * {@code p}) maps the image to {@code width} channels at resolution {@code H/p x W/p}, block l computes
 * {@code f_l(h) = conv3x3(relu(conv3x3(h)))} at that same width and resolution, and ONE shared head (global average
 * pooling, then a linear layer to the class logits) reads out every depth. No normalisation, so there are no running
 * statistics and training and inference compute the same function on every backend.
 */
public final class ResNet implements ResidualNetwork {
    /** The kernel of the two convolutions in every block ("same" padding keeps the resolution). */
    public static final int BLOCK_KERNEL = 3;

    private final int channels;
    private final int height;
    private final int imageWidth;
    private final int width;
    private final int depth;
    private final int classes;
    private final int patch;
    private final DType dtype;
    private final Conv2d stem;
    private final List<Conv2d[]> blocks = new ArrayList<>();
    private final Dense head;

    /**
     * @param channels   input channels C (1 for grey images)
     * @param height     image height H, a multiple of {@code patch}
     * @param imageWidth image width W, a multiple of {@code patch}
     * @param width      channels of the residual state
     * @param depth      number of residual blocks L
     * @param classes    number of classes (logits of the head)
     * @param patch      side of the stem's patches (its kernel and stride)
     * @param dtype      FLOAT32 or FLOAT64 input
     */
    public ResNet(int channels, int height, int imageWidth, int width, int depth, int classes, int patch, DType dtype) {
        requirePositive("channels", channels);
        requirePositive("height", height);
        requirePositive("image width", imageWidth);
        requirePositive("width", width);
        requirePositive("depth", depth);
        requirePositive("classes", classes);
        requirePositive("patch", patch);
        if (height % patch != 0 || imageWidth % patch != 0) {
            throw new Lpa4jException("ResNet: the stem's patch size " + patch + " must divide the image size " + height + "x" + imageWidth
                    + "; choose a patch size that divides both sides.");
        }
        if (!dtype.isFloating()) {
            throw new Lpa4jException("ResNet: images must be FLOAT32 or FLOAT64 but the input type is " + dtype + ".");
        }
        this.channels = channels;
        this.height = height;
        this.imageWidth = imageWidth;
        this.width = width;
        this.depth = depth;
        this.classes = classes;
        this.patch = patch;
        this.dtype = dtype;
        this.stem = new Conv2d("stem", channels, width, patch, patch, 0, true);
        for (int l = 1; l <= depth; l++) {
            blocks.add(new Conv2d[] {new Conv2d("block" + l + ".conv1", width, width, BLOCK_KERNEL),
                    new Conv2d("block" + l + ".conv2", width, width, BLOCK_KERNEL)});
        }
        this.head = new Dense("head", width, classes);
    }

    private static void requirePositive(String field, int value) {
        if (value <= 0) {
            throw new Lpa4jException("ResNet: " + field + " must be positive but is " + value + ".");
        }
    }

    /** The largest patch side {@link #defaultPatch} picks. */
    public static final int MAX_DEFAULT_PATCH = 4;
    /** The smallest residual grid side {@link #defaultPatch} leaves. */
    public static final int MIN_DEFAULT_GRID = 4;

    /**
     * The patch size for a {@code height x width} image: the largest {@code p <= }{@value #MAX_DEFAULT_PATCH} that
     * divides both sides and leaves a grid of at least {@value #MIN_DEFAULT_GRID}x{@value #MIN_DEFAULT_GRID} (4 for
     * 28x28 images: a 7x7 grid; 2 for the 8x8 digits: a 4x4 grid), or 1 when none does.
     */
    public static int defaultPatch(int height, int imageWidth) {
        int best = 1;
        for (int p = 1; p <= MAX_DEFAULT_PATCH; p++) {
            if (height % p == 0 && imageWidth % p == 0 && height / p >= MIN_DEFAULT_GRID && imageWidth / p >= MIN_DEFAULT_GRID) {
                best = p;
            }
        }
        return best;
    }

    @Override
    public String name() {
        return "resnet";
    }

    @Override
    public Hyperparameters hyperparameters() {
        return Hyperparameters.builder().put("channels", channels).put("height", height).put("imageWidth", imageWidth).put("width", width)
                .put("depth", depth).put("classes", classes).put("patch", patch).put("dtype", dtype).build();
    }

    @Override
    public int depth() {
        return depth;
    }

    /** Channels of the residual state. */
    public int width() {
        return width;
    }

    /** The stem's patch side. */
    public int patch() {
        return patch;
    }

    /** The number of classes. */
    public int classes() {
        return classes;
    }

    @Override
    public InputSpec input() {
        return InputSpec.batched("x", dtype, channels, height, imageWidth);
    }

    @Override
    public List<ParameterSpec> parameters() {
        List<ParameterSpec> specs = new ArrayList<>(stem.parameters());
        for (int l = 1; l <= depth; l++) {
            specs.addAll(blockSpecs(l));
        }
        specs.addAll(head.parameters());
        return specs;
    }

    private List<ParameterSpec> blockSpecs(int l) {
        requireBlock(l);
        List<ParameterSpec> specs = new ArrayList<>(blocks.get(l - 1)[0].parameters());
        specs.addAll(blocks.get(l - 1)[1].parameters());
        return specs;
    }

    private void requireBlock(int l) {
        if (l < 1 || l > depth) {
            throw new Lpa4jException("ResNet: block " + l + " does not exist; blocks are numbered 1.." + depth + ".");
        }
    }

    @Override
    public Set<String> blockParameters(int l) {
        return ParameterSpec.names(blockSpecs(l));
    }

    @Override
    public Tensor stem(Ops ops, Parameters params, Tensor x) {
        return stem.forward(ops, params, x);
    }

    @Override
    public Tensor block(int l, Ops ops, Parameters params, Tensor h) {
        requireBlock(l);
        Conv2d[] b = blocks.get(l - 1);
        return b[1].forward(ops, params, ops.relu(b[0].forward(ops, params, h)));
    }

    @Override
    public Tensor head(Ops ops, Parameters params, Tensor h) {
        return head.forward(ops, params, ops.globalAvgPool2d(h));
    }
}
