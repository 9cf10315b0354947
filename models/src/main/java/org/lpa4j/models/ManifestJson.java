package org.lpa4j.models;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lpa4j.api.input.InputPreprocessing;
import org.lpa4j.api.training.TrainingConfig;

/**
 * The one JSON mapping of {@code model.json}: snake-case field names, indented, unknown fields refused; an input
 * preprocessing is an object whose {@code kind} ({@value #FEATURES}, {@value #GREY_IMAGES}, {@value #WORD_IDS}) says
 * which record its other fields fill.
 */
final class ManifestJson {
    static final String FEATURES = "features";
    static final String GREY_IMAGES = "grey_images";
    static final String WORD_IDS = "word_ids";

    static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addMixIn(InputPreprocessing.class, PreprocessingKinds.class);

    private ManifestJson() {
    }

    /** The training configuration as plain JSON data; the optimizer keeps its kind beside its settings. */
    static Map<String, Object> configMap(TrainingConfig config) {
        ObjectMapper plain = new ObjectMapper();
        @SuppressWarnings("unchecked")
        Map<String, Object> map = plain.convertValue(config, LinkedHashMap.class);
        Map<String, Object> optimizer = new LinkedHashMap<>();
        optimizer.put("kind", config.optimizer().getClass().getSimpleName());
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = plain.convertValue(config.optimizer(), LinkedHashMap.class);
        optimizer.putAll(settings);
        map.put("optimizer", optimizer);
        return map;
    }

    /** The manifest names of the api's preprocessing records, kept out of the api, which knows no JSON. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(value = InputPreprocessing.Features.class, name = FEATURES),
            @JsonSubTypes.Type(value = InputPreprocessing.GreyImages.class, name = GREY_IMAGES),
            @JsonSubTypes.Type(value = InputPreprocessing.WordIds.class, name = WORD_IDS)})
    private interface PreprocessingKinds {
    }
}
