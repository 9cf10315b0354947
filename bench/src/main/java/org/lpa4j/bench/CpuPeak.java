package org.lpa4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The CPU's float32 peak in GFLOP/s, against which a step's FLOP rate is put as a fraction: either given, or the
 * processors this process sees times the clock /proc/cpuinfo reports times {@value #FLOPS_PER_CYCLE} FLOP per cycle
 * (two 256-bit fused multiply-add pipes: 2 x 8 lanes x 2 FLOP).
 */
record CpuPeak(double gflops, String source) {
    static final int FLOPS_PER_CYCLE = 32;

    static CpuPeak fromCpuInfo() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            double mhz = lines.stream().filter(l -> l.startsWith("cpu MHz")).mapToDouble(l -> Double.parseDouble(l.replaceAll(".*:", "").trim()))
                    .findFirst().orElseThrow(() -> new IOException("/proc/cpuinfo has no 'cpu MHz' line; give the peak with --peak-gflops."));
            int processors = Runtime.getRuntime().availableProcessors();
            return new CpuPeak(processors * mhz * FLOPS_PER_CYCLE / 1000, String.format("%.0f GFLOP/s = %d processors x %.0f MHz x %d FLOP/cycle",
                    processors * mhz * FLOPS_PER_CYCLE / 1000, processors, mhz, FLOPS_PER_CYCLE));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return source.startsWith("given") ? String.format("%.0f GFLOP/s, given", gflops) : source;
    }
}
