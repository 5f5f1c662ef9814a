package dev.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProcStatTest {
    @Test
    void readsUserAndSystemTicksAfterACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 9512 0 0 0 1234 567 0 0 20 0 41 0 "
                + "8917 4130402304 45103 18446744073709551615 1 1 0 0 0 0 0 2 16800972 0 0 0 17 1 0 0 0 0 0";

        ProcStat.CpuTimes times = ProcStat.parseCpuTimes(stat);

        assertEquals(new ProcStat.CpuTimes(1234, 567), times);
        assertEquals(5.67, times.systemSeconds(), 1e-9);
        assertEquals(18.01, times.totalSeconds(), 1e-9);
        ProcStat.CpuTimes used = times.minus(new ProcStat.CpuTimes(1000, 500));
        assertEquals(new ProcStat.CpuTimes(234, 67), used);
    }

    @Test
    void countsWhatAChildUsedOnceItHasBeenWaitedFor() throws Exception {
        ProcStat.CpuTimes before = ProcStat.exitedChildrenCpuTimes();
        // The child spins, then prints its own CPU times as it is about to exit.
        Process child = new ProcessBuilder("sh", "-c",
                "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; cat /proc/$$/stat").start();
        String childStat = new String(child.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertEquals(0, child.waitFor());
        ProcStat.CpuTimes counted = ProcStat.exitedChildrenCpuTimes().minus(before);

        ProcStat.CpuTimes childOwn = ProcStat.parseCpuTimes(childStat);
        assertTrue(childOwn.totalTicks() > 0, "the child's loop used no measurable CPU: " + childStat);
        assertTrue(counted.totalTicks() >= childOwn.totalTicks(),
                "counted " + counted + " but the child reported " + childOwn);
    }

    @Test
    void tellsTheJitCompilerThreadsByTheNamesTheKernelKeeps() {
        assertTrue(ProcStat.isCompilerThread("C2 CompilerThre"));
        assertTrue(ProcStat.isCompilerThread("C1 CompilerThre"));
        assertFalse(ProcStat.isCompilerThread("kafka-request-"));
        assertFalse(ProcStat.isCompilerThread("C2 (x) y"));
    }

    @Test
    void findsThisJvmsCompilerThreadsAtWorkAndCountsNoMoreThanTheWholeProcess() {
        long pid = ProcessHandle.current().pid();
        long compilers = ProcStat.compilerCpuNanos(pid);
        ProcStat.CpuTimes process = ProcStat.cpuTimes(pid);
        // Starting JUnit alone compiles thousands of methods, far more than one 10 ms tick of work.
        assertTrue(compilers >= 10_000_000, compilers + " ns");
        // The process's user and system ticks are each rounded down: together up to two ticks short.
        assertTrue(compilers <= (process.totalTicks() + 2) * 10_000_000, compilers + " ns of " + process);
    }
}
