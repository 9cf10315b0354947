package org.lpa4j.experiments;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.lpa4j.api.InvalidSettingException;
import org.lpa4j.api.backend.BackendRequest;
import org.lpa4j.api.layers.Activation;
import org.lpa4j.api.model.ArchitectureOptions;
import org.lpa4j.api.task.TaskOptions;
import org.lpa4j.api.tensor.DType;
import org.lpa4j.api.training.LearningRateSchedule;
import org.lpa4j.api.training.TrainerOptions;
import org.lpa4j.api.training.TrainingConfig;

/**
 * An experiment described by named settings, with the names {@code lpa4j fit} gives its options ({@code task},
 * {@code arch}, {@code depth}, {@code lr}, {@code batch-size}, {@code form}, ...): the one place those names map to the
 * {@link Experiment} builder, for the command line and for a sweep's grid alike. A setting left out takes its default;
 * an unknown name or a value of the wrong kind is refused with a sentence naming it. A name {@code TRAINER.OPTION}
 * (e.g. {@code lpa.distillation}) is an option of that trainer.
 */
public final class ExperimentSettings {
    /** Every setting with its default (null: none, or the library's); a trainer's options come after, by name. */
    private static final Map<String, String> DEFAULTS;
    /** The LPA trainer's options that have a setting of their own, by setting name: the trainer's name for it. */
    private static final Map<String, String> LPA_OPTIONS;

    static {
        // The library's own defaults (training, task, architecture), so a setting left out here and the library used
        // without it give the same run; the network's size, its kind and the trainers compared are this mapping's choice.
        TrainingConfig training = TrainingConfig.defaults();
        TaskOptions task = TaskOptions.defaults();
        ArchitectureOptions architecture = ArchitectureOptions.of(1, 1);
        Map<String, String> d = new LinkedHashMap<>();
        d.put("task", null);
        d.put("arch", "fnn");
        d.put("depth", "8");
        d.put("width", "64");
        d.put("heads", text(architecture.heads()));
        d.put("activation", architecture.activation().name());
        d.put("dtype", training.dtype().name());
        d.put("trainer", "lpa,e2e");
        d.put("trainer-option", null);
        d.put("separate-depths", null);
        d.put("grade-tolerance", null);
        d.put("backend", null);
        d.put("epochs", text(training.epochs()));
        d.put("seed", text(training.seed()));
        d.put("seeds", null);
        d.put("lr", text(training.learningRate()));
        d.put("batch-size", text(training.batchSize()));
        d.put("schedule", training.schedule().name());
        d.put("patience", text(training.patience()));
        d.put("examples", text(task.examples()));
        d.put("limit", text(task.limit()));
        d.put("context", text(task.context()));
        d.put("interleave", "true");
        Map<String, String> lpa = new LinkedHashMap<>();
        lpa.put("form", "form");
        lpa.put("weighting", "weighting");
        lpa.put("distill", "distillation");
        lpa.put("distill-temperature", "distillationTemperature");
        lpa.put("balance", "gradientBalancing");
        lpa.put("uniform-epochs", "uniformEpochs");
        lpa.put("shallow-first-epochs", "shallowFirstEpochs");
        lpa.put("layer-dropout", "layerDropout");
        lpa.put("label-smoothing", "labelSmoothing");
        lpa.put("weight-decay", "weightDecay");
        lpa.put("distill-depths", "distillationDepths");
        lpa.put("distill-reach", "distillationReach");
        lpa.put("readout-adapter", "readoutAdapter");
        lpa.put("readout-rank", "readoutRank");
        lpa.put("readout-pooling", "readoutPooling");
        lpa.put("calibrate", "temperatureCalibration");
        lpa.keySet().forEach(k -> d.put(k, null));
        DEFAULTS = Collections.unmodifiableMap(d);
        LPA_OPTIONS = Collections.unmodifiableMap(lpa);
    }

    private final Map<String, Object> values;
    private final Function<String, String> naming;

    private ExperimentSettings(Map<String, Object> values, Function<String, String> naming) {
        this.values = values;
        this.naming = naming;
    }

    /** {@code value} as a user writes it: 0.003, 5, not 0.0030 or 5.0. */
    private static String text(double value) {
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    /** The names of every setting (a trainer's option, {@code TRAINER.OPTION}, is a setting too). */
    public static Set<String> names() {
        return DEFAULTS.keySet();
    }

    /** Whether {@code name} is a setting: one of {@link #names()} or a trainer's option {@code TRAINER.OPTION}. */
    public static boolean isSetting(String name) {
        return DEFAULTS.containsKey(name) || isTrainerOption(name);
    }

    /** The default of setting {@code name} as text, or null when it has none. */
    public static String defaultOf(String name) {
        return DEFAULTS.get(name);
    }

    /**
     * The experiment {@code settings} describe (numbers, booleans, enum constants, lists or their text), every other
     * setting at its default; a sentence names a setting as {@code naming} says (e.g. {@code --depth} on a command line).
     */
    public static Experiment experiment(Map<String, ?> settings, Function<String, String> naming) {
        for (String name : settings.keySet()) {
            if (!isSetting(name)) {
                throw new InvalidSettingException(name, "There is no setting " + naming.apply(name) + "; the settings are "
                        + String.join(", ", DEFAULTS.keySet()) + ", and TRAINER.OPTION for an option of a trainer (e.g. lpa.distillation).");
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        DEFAULTS.forEach((k, v) -> {
            if (v != null) {
                values.put(k, v);
            }
        });
        settings.forEach((k, v) -> {
            if (v != null) {
                values.put(k, v);
            }
        });
        return new ExperimentSettings(values, naming).build();
    }

    /** As {@link #experiment(Map, Function)}, naming each setting as it is spelled in {@code settings}. */
    public static Experiment experiment(Map<String, ?> settings) {
        return experiment(settings, name -> name);
    }

    private Experiment build() {
        DType dtype = enumeration("dtype", DType.class);
        long seed = whole("seed");
        Experiment.Builder b = Experiment.builder().setTask(text("task"))
                .optTaskOptions(new TaskOptions(seed, count("examples"), count("limit"), count("context"), dtype))
                .setArchitecture(text("arch"), new ArchitectureOptions(count("depth"), count("width"), count("heads"),
                        enumeration("activation", Activation.class), dtype))
                .optTrainingConfig(TrainingConfig.defaults().withEpochs(count("epochs")).withSeed(seed).withLearningRate(number("lr"))
                        .withBatchSize(count("batch-size")).withDType(dtype).withSchedule(enumeration("schedule", LearningRateSchedule.class))
                        .withPatience(count("patience")))
                .optBackend(values.containsKey("backend") ? new BackendRequest(text("backend"), "the " + naming.apply("backend") + " option") : null)
                .optInterleaved(bool("interleave"))
                .optSeeds(values.containsKey("seeds") ? list("seeds").stream().map(s -> parseWhole("seeds", s)).toList() : List.of(seed));
        List<String> trainers = trainerNames();
        Map<String, Map<String, Object>> options = trainerOptions();
        for (Map.Entry<String, Map<String, Object>> e : options.entrySet()) {
            if (!trainers.contains(e.getKey())) {
                String setting = settingOf(e.getKey(), e.getValue().keySet().iterator().next());
                throw new InvalidSettingException(setting, naming.apply(setting) + " is an option of the " + e.getKey()
                        + " trainer, which " + naming.apply("trainer") + " " + String.join(",", list("trainer")) + " does not list; add "
                        + e.getKey() + " to " + naming.apply("trainer") + " or leave the option out.");
            }
        }
        trainers.forEach(n -> b.addTrainer(n, TrainerOptions.of(options.getOrDefault(n, Map.of()))));
        return b.build();
    }

    /** The trainers listed, in order and without repeats; {@code both} is {@code lpa,e2e}. */
    private List<String> trainerNames() {
        List<String> names = new ArrayList<>();
        for (String part : list("trainer")) {
            for (String name : part.equals("both") ? List.of("lpa", "e2e") : List.of(part)) {
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** The trainers' options: the LPA, separate and multigrade settings, then each {@code TRAINER.OPTION} and {@code trainer-option}. */
    private Map<String, Map<String, Object>> trainerOptions() {
        Map<String, Map<String, Object>> options = new LinkedHashMap<>();
        LPA_OPTIONS.forEach((setting, option) -> {
            if (values.containsKey(setting)) {
                options.computeIfAbsent("lpa", t -> new LinkedHashMap<>()).put(option, values.get(setting));
            }
        });
        if (values.containsKey("separate-depths")) {
            List<Integer> depths = list("separate-depths").stream().map(s -> (int) parseWhole("separate-depths", s)).toList();
            if (!depths.isEmpty()) {
                options.computeIfAbsent("separate", t -> new LinkedHashMap<>()).put("depths", depths);
            }
        }
        if (values.containsKey("grade-tolerance")) {
            // Under the name the trainers list gives, the former name mgdl included, so the option stays with the trainer listed.
            options.computeIfAbsent(trainerNames().contains("mgdl") ? "mgdl" : "multigrade", t -> new LinkedHashMap<>())
                    .put("gradeTolerance", number("grade-tolerance"));
        }
        values.forEach((name, value) -> {
            if (isTrainerOption(name)) {
                int dot = name.indexOf('.');
                options.computeIfAbsent(name.substring(0, dot), t -> new LinkedHashMap<>()).put(name.substring(dot + 1), value);
            }
        });
        for (String given : values.containsKey("trainer-option") ? list("trainer-option") : List.<String>of()) {
            int dot = given.indexOf('.');
            int eq = given.indexOf('=');
            if (dot <= 0 || eq < dot + 2) {
                throw new InvalidSettingException("trainer-option", naming.apply("trainer-option") + " " + given
                        + " is not TRAINER.OPTION=VALUE; e.g. lpa.distillation=0.3.");
            }
            options.computeIfAbsent(given.substring(0, dot), t -> new LinkedHashMap<>()).put(given.substring(dot + 1, eq), given.substring(eq + 1));
        }
        return options;
    }

    /** The setting that gives option {@code option} of {@code trainer}: its own setting where it has one, else TRAINER.OPTION. */
    private String settingOf(String trainer, String option) {
        if (trainer.equals("lpa")) {
            for (Map.Entry<String, String> e : LPA_OPTIONS.entrySet()) {
                if (e.getValue().equals(option) && values.containsKey(e.getKey())) {
                    return e.getKey();
                }
            }
        }
        if (trainer.equals("separate") && option.equals("depths")) {
            return "separate-depths";
        }
        if ((trainer.equals("multigrade") || trainer.equals("mgdl")) && option.equals("gradeTolerance")) {
            return "grade-tolerance";
        }
        return values.containsKey(trainer + "." + option) ? trainer + "." + option : "trainer-option " + trainer + "." + option;
    }

    private static boolean isTrainerOption(String name) {
        int dot = name.indexOf('.');
        return dot > 0 && dot < name.length() - 1 && name.indexOf('.', dot + 1) < 0 && !name.contains("=");
    }

    private String text(String name) {
        return String.valueOf(values.get(name)).strip();
    }

    /** The setting as a list: a list given as one, or text split at commas. */
    private List<String> list(String name) {
        Object v = values.get(name);
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            l.forEach(e -> out.add(String.valueOf(e).strip()));
        } else {
            for (String part : String.valueOf(v).split(",", -1)) {
                out.add(part.strip());
            }
        }
        return out;
    }

    private int count(String name) {
        long value = whole(name);
        if (value != (int) value) {
            throw wrong(name, "a whole number");
        }
        return (int) value;
    }

    private long whole(String name) {
        return parseWhole(name, text(name));
    }

    private long parseWhole(String name, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw wrongValue(name, value, "a whole number");
        }
    }

    private boolean bool(String name) {
        String given = text(name);
        if (given.equalsIgnoreCase("true") || given.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(given);
        }
        throw wrongValue(name, given, "true or false");
    }

    private double number(String name) {
        try {
            return Double.parseDouble(text(name));
        } catch (NumberFormatException e) {
            throw wrong(name, "a number");
        }
    }

    private <E extends Enum<E>> E enumeration(String name, Class<E> type) {
        String given = text(name);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(given)) {
                return constant;
            }
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name());
        }
        throw wrongValue(name, given, "one of " + String.join(", ", names));
    }

    private InvalidSettingException wrong(String name, String expected) {
        return wrongValue(name, text(name), expected);
    }

    private InvalidSettingException wrongValue(String name, String value, String expected) {
        return new InvalidSettingException(name, naming.apply(name) + " is '" + value + "'; give " + expected + ".");
    }
}
