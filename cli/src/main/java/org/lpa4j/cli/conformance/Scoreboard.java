package org.lpa4j.cli.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/** Counts a conformance run's tests by obligation ({@code required_} or {@code optional_}) and outcome. */
public final class Scoreboard implements TestExecutionListener {
    private static final Pattern METHOD = Pattern.compile(
            "\\[(?:method|test-template|test-factory):(?:[^#\\]]*#)?((?:required|optional)_[^(\\]]*)");

    private int requiredPassed;
    private int requiredFailed;
    private int requiredSkipped;
    private int optionalPassed;
    private int optionalFailed;
    private int optionalSkipped;
    private final List<String> failures = new ArrayList<>();
    private final java.util.Map<String, Boolean> classVerdicts = new java.util.HashMap<>();

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest() || id.isContainer()) {
            count(id, 's');
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!id.isTest()) {
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL && id.isContainer()) {
                failures.add(id.getDisplayName() + ": " + result.getThrowable().map(Throwable::getMessage).orElse("failed"));
            }
            return;
        }
        boolean ok = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
        count(id, ok ? 'p' : 'f');
        Matcher cls = Pattern.compile("\\[class:([^\\]]+)\\]").matcher(id.getUniqueId());
        if (cls.find()) {
            classVerdicts.merge(cls.group(1), ok, Boolean::logicalAnd);
        }
        if (!ok) {
            failures.add(id.getDisplayName() + ": " + result.getThrowable().map(Throwable::getMessage).orElse("failed"));
        }
    }

    private void count(TestIdentifier id, char outcome) {
        Matcher m = METHOD.matcher(id.getUniqueId());
        if (!m.find()) {
            return;
        }
        boolean required = m.group(1).startsWith("required_");
        switch (outcome) {
            case 'p' -> {
                if (required) {
                    requiredPassed++;
                } else {
                    optionalPassed++;
                }
            }
            case 'f' -> {
                if (required) {
                    requiredFailed++;
                } else {
                    optionalFailed++;
                }
            }
            default -> {
                if (required) {
                    requiredSkipped++;
                } else {
                    optionalSkipped++;
                }
            }
        }
    }

    public int requiredFailed() {
        return requiredFailed;
    }

    public List<String> failures() {
        return failures;
    }

    /** "monotone (passed)", "FAILED" or "not run" for the suite class whose simple name contains {@code suite}. */
    public String verdict(String suite) {
        return classVerdicts.entrySet().stream().filter(e -> e.getKey().contains(suite)).findFirst()
                .map(e -> e.getValue() ? "residual structure, LPA error monotone in depth, better than E2E at every intermediate depth, last depth within "
                        + org.lpa4j.conformance.TrainingSemanticsConformance.LAST_DEPTH_FACTOR + " of E2E's: passed"
                        : "FAILED (see the failures above)")
                .orElse("not run");
    }

    /** One line: required and optional counts. */
    public String line() {
        return String.format("required %d passed, %d failed, %d skipped; optional %d passed, %d failed, %d skipped", requiredPassed,
                requiredFailed, requiredSkipped, optionalPassed, optionalFailed, optionalSkipped);
    }
}
