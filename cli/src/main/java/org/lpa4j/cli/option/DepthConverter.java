package org.lpa4j.cli.option;

import org.lpa4j.api.Lpa4jException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The one meaning of {@code --depth K} in every command: the network of its first K blocks (train K in {@code fit} and
 * {@code construct}, keep K in {@code slice}, read out at K in {@code predict} and {@code generate}, measure depths 1..K
 * in {@code evaluate}). Parsed here, and
 * checked against a saved model's depth here; the forms that once meant something else get a sentence naming what
 * to write instead.
 */
public final class DepthConverter implements ITypeConverter<Integer> {

    @Override
    public Integer convert(String value) {
        String given = value.strip();
        if (given.equalsIgnoreCase("auto")) {
            throw new TypeConversionException("--depth is a number of blocks; the per-input early-exit policy that 'auto' chose is now"
                    + " 'predict --exit auto' (predict's default when --depth is left out): drop '--depth auto'.");
        }
        if (given.equalsIgnoreCase("all")) {
            throw new TypeConversionException("--depth is a number of blocks; to sample from every depth, write 'generate --every-depth'"
                    + " instead of '--depth all'.");
        }
        try {
            return Integer.parseInt(given);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("--depth is a number of blocks, a whole number such as 2, but is '" + value + "'.");
        }
    }

    /** {@code k}, when the saved model of {@code modelDepth} blocks has a network of k blocks; else the sentence saying which it has. */
    public static int within(int k, int modelDepth) {
        if (k < 1 || k > modelDepth) {
            throw new Lpa4jException("--depth " + k + " is outside 1.." + modelDepth + " of this model.");
        }
        return k;
    }
}
