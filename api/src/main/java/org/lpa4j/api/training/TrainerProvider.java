package org.lpa4j.api.training;

/**
 * The service-provider interface of a trainer, found through {@link java.util.ServiceLoader} (register the class in
 * {@code META-INF/services/org.lpa4j.api.training.TrainerProvider}): it builds a {@link ProgressiveTrainer} from its
 * options, so a trainer on the classpath runs in an experiment (and in {@code lpa4j fit --trainer NAME}) the way the
 * built-in ones do. {@link Trainers} lists every provider. The constructor must be public, take no arguments and be cheap.
 */
public interface TrainerProvider {

    /** The registered name, unique on the classpath: the name experiments and the command line choose the trainer by. */
    String name();

    /**
     * Names this trainer was registered as before (none by default): an experiment or a command line that gives one of
     * them means this trainer, so a rename keeps what users typed or saved working.
     */
    default java.util.List<String> formerNames() {
        return java.util.List.of();
    }

    /** A trainer with {@code options}; an unknown option or a value that cannot work is an {@link org.lpa4j.api.InvalidSettingException} naming it. */
    ProgressiveTrainer create(TrainerOptions options);
}
