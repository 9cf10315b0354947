package org.lpa4j.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lpa4j.api.inference.AcceptedLoss;
import org.lpa4j.api.inference.CalibratedExit;
import org.lpa4j.api.inference.ExitPolicy;

/**
 * The form of an exit policy in a bundle's manifest ({@code exit_policy}): its {@code kind} ({@code fixed_depth},
 * {@code confidence}, {@code patience} or {@code correction}) with its fields, and what calibration measured on the
 * validation split under {@code calibration}. Plain JSON data, so the manifest stays readable outside the JVM.
 */
public final class ExitPolicies {
    private ExitPolicies() {
    }

    /** The manifest form of a calibrated policy. */
    public static Map<String, Object> toJson(CalibratedExit exit) {
        Map<String, Object> json = new LinkedHashMap<>(toJson(exit.policy()));
        Map<String, Object> calibration = new LinkedHashMap<>();
        calibration.put("metric", exit.metric().name());
        calibration.put("accepted_loss", exit.accepted().amount());
        calibration.put("relative", exit.accepted().relative());
        calibration.put("full_depth_metric", exit.fullMetric());
        calibration.put("metric_value", exit.metricValue());
        calibration.put("mean_depth", exit.meanDepth());
        calibration.put("loss_bound", exit.lossBound());
        json.put("calibration", calibration);
        return json;
    }

    /** The manifest form of a policy. */
    public static Map<String, Object> toJson(ExitPolicy policy) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (policy instanceof ExitPolicy.FixedDepth p) {
            json.put("kind", "fixed_depth");
            json.put("depth", p.depth());
        } else if (policy instanceof ExitPolicy.Confidence p) {
            json.put("kind", "confidence");
            json.put("thresholds", p.thresholds());
            json.put("cap", p.cap());
        } else if (policy instanceof ExitPolicy.Patience p) {
            json.put("kind", "patience");
            json.put("patience", p.patience());
            json.put("cap", p.cap());
        } else {
            ExitPolicy.Correction p = (ExitPolicy.Correction) policy;
            json.put("kind", "correction");
            json.put("tolerance", p.tolerance());
            json.put("cap", p.cap());
        }
        return json;
    }

    /**
     * The loss a manifest's calibrated {@code exit_policy} was calibrated to accept, so a model made from this one (grown)
     * can be calibrated again for the same loss; null when the policy records no calibration.
     */
    public static AcceptedLoss acceptedLoss(Map<String, Object> json) {
        if (!(json.get("calibration") instanceof Map<?, ?> calibration) || !(calibration.get("accepted_loss") instanceof Number amount)) {
            return null;
        }
        return Boolean.TRUE.equals(calibration.get("relative")) ? AcceptedLoss.relative(amount.doubleValue())
                : AcceptedLoss.absolute(amount.doubleValue());
    }

    /** The policy a manifest's {@code exit_policy} describes; a form this library does not know is a sentence. */
    public static ExitPolicy fromJson(Map<String, Object> json) {
        Object kind = json.get("kind");
        try {
            switch (String.valueOf(kind)) {
                case "fixed_depth":
                    return new ExitPolicy.FixedDepth(integer(json, "depth"));
                case "confidence": {
                    List<Double> thresholds = new ArrayList<>();
                    for (Object t : (List<?>) require(json, "thresholds")) {
                        thresholds.add(((Number) t).doubleValue());
                    }
                    return new ExitPolicy.Confidence(thresholds, integer(json, "cap"));
                }
                case "patience":
                    return new ExitPolicy.Patience(integer(json, "patience"), integer(json, "cap"));
                case "correction":
                    return new ExitPolicy.Correction(((Number) require(json, "tolerance")).doubleValue(), integer(json, "cap"));
                default:
                    throw new BundleException("The manifest's exit policy has kind '" + kind + "', which this lpa4j does not know (it knows"
                            + " fixed_depth, confidence, patience and correction); calibrate the model again, or use a newer lpa4j.");
            }
        } catch (ClassCastException e) {
            throw new BundleException("The manifest's " + kind + " exit policy " + json + " has a field of the wrong type; calibrate the"
                    + " model again.", e);
        }
    }

    private static Object require(Map<String, Object> json, String field) {
        Object v = json.get(field);
        if (v == null) {
            throw new BundleException("The manifest's " + json.get("kind") + " exit policy has no '" + field + "'; calibrate the model again.");
        }
        return v;
    }

    private static int integer(Map<String, Object> json, String field) {
        return ((Number) require(json, field)).intValue();
    }
}
