package org.lpa4j.integration.mutants;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The entry point of one library mutant's own JVM: runs the named tests ({@code Class} or {@code Class#method}, a
 * method with every one of its parameterised forms) and prints {@code FAILED <test>: <first line of the reason>} for
 * each failure. Exit 0: all passed; 1: some failed; 3: no test was found (a stale catalogue).
 */
public final class MutantTestMain {
    private MutantTestMain() {
    }

    public static void main(String[] args) {
        Map<String, Set<String>> methods = new HashMap<>();
        Set<String> wholeClasses = new HashSet<>();
        for (String a : args) {
            int hash = a.indexOf('#');
            if (hash < 0) {
                wholeClasses.add(a);
            } else {
                methods.computeIfAbsent(a.substring(0, hash), k -> new HashSet<>()).add(a.substring(hash + 1));
            }
        }
        Set<String> classes = new HashSet<>(wholeClasses);
        classes.addAll(methods.keySet());
        List<DiscoverySelector> selectors = classes.stream().sorted().map(c -> (DiscoverySelector) DiscoverySelectors.selectClass(c)).toList();
        PostDiscoveryFilter only = d -> {
            if (d.getSource().orElse(null) instanceof MethodSource m && !wholeClasses.contains(m.getClassName())) {
                return FilterResult.includedIf(methods.getOrDefault(m.getClassName(), Set.of()).contains(m.getMethodName()));
            }
            return FilterResult.included("a class, or a whole class asked for");
        };
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectors).filters(only).build(), listener);
        TestExecutionSummary summary = listener.getSummary();
        for (TestExecutionSummary.Failure f : summary.getFailures()) {
            String reason = f.getException().getClass().getSimpleName() + ": " + String.valueOf(f.getException().getMessage()).lines().findFirst()
                    .orElse("");
            String test = f.getTestIdentifier().getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                    .map(m -> m.getClassName().substring(m.getClassName().lastIndexOf('.') + 1) + "." + m.getMethodName())
                    .orElse(f.getTestIdentifier().getDisplayName());
            System.out.println("FAILED " + test + ": " + (reason.length() > 160 ? reason.substring(0, 160) + "..." : reason));
        }
        System.out.println("RAN " + summary.getTestsFoundCount() + " tests, " + summary.getTotalFailureCount() + " failed");
        System.out.flush();
        System.exit(summary.getTestsFoundCount() == 0 ? 3 : summary.getTotalFailureCount() > 0 ? 1 : 0);
    }
}
