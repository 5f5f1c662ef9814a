package dev.sluice.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** CPU time and resident memory of another process, read from Linux's /proc. */
final class ProcStat {
    /** USER_HZ: the unit of the tick counts in /proc/PID/stat; 100 on every mainstream Linux build. */
    private static final double TICKS_PER_SECOND = 100.0;
    /** Indexes in /proc/PID/stat, counted after the command name, of a user time; its system time follows. */
    private static final int UTIME = 11;
    private static final int CUTIME = 13;

    private ProcStat() {
    }

    /**
     * CPU time a process has used so far, in user space and in the kernel on its behalf. Kept in whole ticks
     * so that differences are exact; seconds are derived only when read.
     */
    record CpuTimes(long userTicks, long systemTicks) {
        double systemSeconds() {
            return systemTicks / TICKS_PER_SECOND;
        }

        long totalTicks() {
            return userTicks + systemTicks;
        }

        double totalSeconds() {
            return totalTicks() / TICKS_PER_SECOND;
        }

        CpuTimes minus(CpuTimes earlier) {
            return new CpuTimes(userTicks - earlier.userTicks, systemTicks - earlier.systemTicks);
        }
    }

    static CpuTimes cpuTimes(long pid) {
        return parseCpuTimes(read(Path.of("/proc", Long.toString(pid), "stat")));
    }

    /**
     * CPU seconds of this process's children that have exited and been waited for, their own children
     * included: the kernel adds a child's times here when it is reaped, so the difference around a generator
     * run is what the generator used, all its threads counted.
     */
    static CpuTimes exitedChildrenCpuTimes() {
        return parseCpuTimes(read(Path.of("/proc/self/stat")), CUTIME);
    }

    /**
     * Nanoseconds of CPU a HotSpot JVM's JIT compiler threads have used so far, summed over the live ones.
     * HotSpot names them "C1 CompilerThreadN" and "C2 CompilerThreadN", which the kernel cuts to 15 characters;
     * the first of each kind lives as long as the JVM, so a difference across a workload is what compiling took
     * meanwhile. Read from the scheduler's own runtime ({@code schedstat}), not from clock ticks: each thread's
     * tick counts are rounded down on their own, so their sum could outgrow the process's ticks by a few.
     */
    static long compilerCpuNanos(long pid) {
        long sum = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    if (isCompilerThread(Files.readString(task.resolve("comm")).strip())) {
                        sum += Long.parseLong(Files.readString(task.resolve("schedstat")).split(" ")[0]);
                    }
                } catch (NoSuchFileException exited) {
                    // Only live threads are counted; one that ended since the listing is skipped.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the threads of process " + pid, e);
        }
        return sum;
    }

    static boolean isCompilerThread(String name) {
        return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
    }

    static CpuTimes parseCpuTimes(String stat) {
        return parseCpuTimes(stat, UTIME);
    }

    private static CpuTimes parseCpuTimes(String stat, int userField) {
        // The command name (field 2) may hold spaces; fields after its closing parenthesis are fixed.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new CpuTimes(Long.parseLong(fields[userField]), Long.parseLong(fields[userField + 1]));
    }

    /** Resident set size in bytes. */
    static long rssBytes(long pid) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String kib = line.substring("VmRSS:".length()).trim().split("\\s+")[0];
                return Long.parseLong(kib) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " (is the process still running?)", e);
        }
    }
}
