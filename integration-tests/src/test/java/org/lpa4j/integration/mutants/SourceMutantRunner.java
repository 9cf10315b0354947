package org.lpa4j.integration.mutants;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Runs a {@link SourceMutant}: its file is copied with the one slip planted, compiled against the test classpath, and
 * the tests that can see it run in a JVM of their own whose classpath puts the mutated class first (so the library's
 * own class is shadowed, natives load once, and nothing leaks into the next mutant). A mutant whose tests fail, or
 * run past {@link #TIMEOUT_MINUTES}, is killed.
 */
final class SourceMutantRunner {
    /** A JVM still running its tests after this long is taken as a hang the mutant caused, so a kill. */
    static final long TIMEOUT_MINUTES = 4;
    /** The modules whose compiled tests a mutant's tests may come from. */
    private static final List<String> TEST_MODULES = List.of("api", "models", "datasets", "trainers", "cli", "integration-tests");

    private final Path root;
    private final Path work;

    /** One mutant's outcome: the tests that failed on it (with the first line of why), how many ran, and the seconds it took. */
    record Row(SourceMutant mutant, List<String> killers, int testsRun, boolean timedOut, double seconds) {
        boolean killed() {
            return timedOut || !killers.isEmpty();
        }
    }

    SourceMutantRunner(Path work) throws IOException {
        this.root = repositoryRoot();
        this.work = Files.createDirectories(work);
    }

    /** The folder holding {@code scripts/mutant-campaign.sh}, above the working directory. */
    static Path repositoryRoot() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("scripts").resolve("mutant-campaign.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("scripts/mutant-campaign.sh not found above " + Paths.get("").toAbsolutePath());
    }

    /** Runs {@code tests} on the library as it is: the control, which must pass for a kill to mean anything. */
    Row control(List<String> tests) throws IOException, InterruptedException {
        return run(new SourceMutant("control (no slip)", "all", "none/None.java", "", "-", tests, null), null);
    }

    /** Plants {@code mutant}, compiles it and runs its tests. */
    Row run(SourceMutant mutant) throws IOException, InterruptedException {
        Path source = root.resolve(mutant.file());
        String text = Files.readString(source, StandardCharsets.UTF_8);
        int at = text.indexOf(mutant.original());
        if (at < 0 || text.indexOf(mutant.original(), at + 1) >= 0) {
            throw new IllegalStateException("The catalogue is stale: mutant " + mutant.name() + " expects the text '" + mutant.original()
                    + "' exactly once in " + mutant.file() + ", but it occurs " + (at < 0 ? "nowhere" : "more than once") + ".");
        }
        String mutated = text.substring(0, at) + mutant.replacement() + text.substring(at + mutant.original().length());
        Path dir = work.resolve(mutant.name());
        org.lpa4j.api.io.AtomicDirectories.deleteTree(dir);
        Path src = Files.createDirectories(dir.resolve("src")).resolve(mutant.className() + ".java");
        Files.writeString(src, mutated, StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        boolean compiled;
        synchronized (SourceMutantRunner.class) { // one compilation at a time; the mutants' test JVMs may run side by side
            compiled = javac.getTask(errors, null, null, List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path"),
                "-proc:none", "-nowarn", "-encoding", "UTF-8"), null, javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)
                .getJavaFileObjects(src.toFile())).call();
        }
        if (!compiled) {
            throw new IllegalStateException("Mutant " + mutant.name() + " does not compile (a slip must compile to be a bug the tests could miss):\n"
                    + errors);
        }
        return run(mutant, classes);
    }

    private Row run(SourceMutant mutant, Path classes) throws IOException, InterruptedException {
        long start = System.nanoTime();
        List<String> classpath = new ArrayList<>();
        if (classes != null) {
            classpath.add(classes.toString());
        }
        classpath.addAll(testClassFolders(mutant.tests()));
        classpath.add(System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1500m", "-Dlpa4j.threads=1",
                "-cp", String.join(File.pathSeparator, classpath), MutantTestMain.class.getName()));
        command.addAll(mutant.tests());
        Path log = work.resolve(mutant.name().replaceAll("[^A-Za-z0-9.-]", "_") + ".log");
        Process p = new ProcessBuilder(command).directory(root.resolve("integration-tests").toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        List<String> killers = lines.stream().filter(l -> l.startsWith("FAILED ")).map(l -> l.substring("FAILED ".length())).toList();
        int ran = lines.stream().filter(l -> l.startsWith("RAN ")).map(l -> Integer.parseInt(l.split(" ")[1])).findFirst().orElse(0);
        if (done && p.exitValue() != 0 && killers.isEmpty()) {
            throw new IllegalStateException("The tests of mutant " + mutant.name() + " did not run (exit " + p.exitValue() + "); see " + log);
        }
        return new Row(mutant, killers, ran, !done, (System.nanoTime() - start) / 1e9);
    }

    /** The compiled-test folders of the modules holding {@code tests}' classes. */
    private Set<String> testClassFolders(List<String> tests) {
        Set<String> folders = new LinkedHashSet<>();
        for (String t : tests) {
            String path = t.replaceAll("#.*", "").replace('.', '/') + ".class";
            TEST_MODULES.stream().map(m -> root.resolve(m).resolve("target").resolve("test-classes")).filter(d -> Files.isRegularFile(d.resolve(path)))
                    .findFirst().ifPresentOrElse(d -> folders.add(d.toString()), () -> {
                        throw new IllegalStateException("No module's compiled tests hold " + path + "; build the tests first (mvn test-compile).");
                    });
        }
        return folders;
    }

    /** The kill table of the library campaign: one line per mutant with what it plants, then the tests that killed it. */
    static String format(List<Row> rows) {
        StringBuilder s = new StringBuilder();
        long counted = rows.stream().filter(r -> !r.mutant().isEquivalent()).count();
        long killed = rows.stream().filter(r -> !r.mutant().isEquivalent() && r.killed()).count();
        s.append(String.format("Library mutant campaign: %d of %d mutants killed; %d equivalent mutants (not counted)%n", killed, counted,
                rows.size() - counted));
        s.append(String.format("%-40s %-13s %-8s %5s %6s  %s%n", "mutant", "area", "verdict", "tests", "s", "file: what it plants / killed by"));
        for (Row r : rows) {
            SourceMutant m = r.mutant();
            String verdict = m.isEquivalent() ? (r.killed() ? "REJECTED" : "accepted") : r.killed() ? "killed" : "SURVIVED";
            s.append(String.format("%-40s %-13s %-8s %5d %6.1f  %s: '%s' -> '%s'%n", m.name(), m.area(), verdict, r.testsRun(), r.seconds(),
                    m.file().replaceAll(".*/", ""), oneLine(m.original()), oneLine(m.replacement())));
            if (m.isEquivalent()) {
                s.append(String.format("%69s equivalent: %s%n", "", m.equivalentBecause()));
            }
            if (r.timedOut()) {
                s.append(String.format("%69s ran past %d minutes (a hang)%n", "", TIMEOUT_MINUTES));
            }
            r.killers().stream().limit(2).forEach(k -> s.append(String.format("%69s %s%n", "", k)));
            if (r.killers().size() > 2) {
                s.append(String.format("%69s ... and %d more failing tests%n", "", r.killers().size() - 2));
            }
        }
        return s.toString();
    }

    private static String oneLine(String code) {
        String line = Pattern.compile("\\s+").matcher(code).replaceAll(" ").trim();
        return line.length() > 70 ? line.substring(0, 67) + "..." : line;
    }
}
