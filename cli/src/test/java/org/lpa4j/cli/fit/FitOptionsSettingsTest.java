package org.lpa4j.cli.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lpa4j.api.InvalidSettingException;
import org.lpa4j.experiments.Experiment;
import org.lpa4j.experiments.ExperimentSettings;

/**
 * {@code fit}'s options and the library's named settings (a sweep's grid) describe the same experiment: with no option
 * given they agree on every default, and options map to the settings of the same names.
 */
class FitOptionsSettingsTest {

    @Test
    void fitsDefaultsAreTheSettingsDefaults() {
        assertSame(ExperimentSettings.experiment(Map.of("task", "surface:peaks2d")), FitOptions.parse("--task", "surface:peaks2d").experiment());
    }

    @Test
    void fitsOptionsAreTheSettingsOfTheSameNames() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("task", "digits");
        settings.put("arch", "resnet");
        settings.put("depth", 3);
        settings.put("width", 16);
        settings.put("lr", 0.01);
        settings.put("batch-size", 32);
        settings.put("epochs", 4);
        settings.put("trainer", "lpa,separate");
        settings.put("separate-depths", "1,2");
        settings.put("form", "LAYER_LOCAL");
        settings.put("distill", 0.25);
        settings.put("lpa.weighting", "UNIFORM");
        settings.put("interleave", false);
        assertSame(ExperimentSettings.experiment(settings), FitOptions.parse("--no-interleave", "--task", "digits", "--arch", "resnet", "--depth", "3", "--width", "16",
                "--lr", "0.01", "--batch-size", "32", "--epochs", "4", "--trainer", "lpa,separate", "--separate-depths", "1,2", "--form", "LAYER_LOCAL",
                "--distill", "0.25", "--trainer-option", "lpa.weighting=UNIFORM").experiment());
    }

    @Test
    void anUnknownSettingOrAValueOfTheWrongKindIsNamed() {
        InvalidSettingException unknown = org.junit.jupiter.api.Assertions.assertThrows(InvalidSettingException.class,
                () -> ExperimentSettings.experiment(Map.of("task", "digits", "widht", 8)));
        assertTrue(unknown.getMessage().startsWith("There is no setting widht; the settings are task, arch, depth, width,"), unknown.getMessage());
        InvalidSettingException kind = org.junit.jupiter.api.Assertions.assertThrows(InvalidSettingException.class,
                () -> ExperimentSettings.experiment(Map.of("task", "digits", "depth", "deep")));
        assertEquals("depth is 'deep'; give a whole number.", kind.getMessage());
    }

    private static void assertSame(Experiment expected, Experiment actual) {
        assertEquals(expected.task(), actual.task());
        assertEquals(expected.taskOptions(), actual.taskOptions());
        assertEquals(expected.architecture(), actual.architecture());
        assertEquals(expected.architectureOptions(), actual.architectureOptions());
        assertEquals(expected.config(), actual.config());
        assertEquals(expected.seeds(), actual.seeds());
        assertEquals(expected.backend(), actual.backend());
        assertEquals(expected.interleaved(), actual.interleaved());
        assertEquals(List.copyOf(expected.trainers().keySet()), List.copyOf(actual.trainers().keySet()));
        expected.trainers().forEach((name, options) -> assertEquals(text(options.asMap()), text(actual.trainers().get(name).asMap()), name));
    }

    /** Options as text: a flag gives a typed value (an enum constant, a list of numbers), a setting its text. */
    private static Map<String, String> text(Map<String, Object> options) {
        Map<String, String> out = new LinkedHashMap<>();
        options.forEach((k, v) -> out.put(k, String.valueOf(v).replace(" ", "")));
        return out;
    }
}
