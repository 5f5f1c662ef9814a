package dev.sluice.bench;

import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress of one workload: a live bar on a terminal, one line when it ends otherwise. */
interface Bar extends AutoCloseable {

    void stepTo(long n);

    @Override
    void close();

    static Bar open(boolean interactive, PrintStream log, String task, long max, String unit) {
        if (interactive) {
            ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(max)
                    .setUnit(" " + unit, 1).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                    .showSpeed().continuousUpdate().build();
            return new Bar() {
                @Override
                public void stepTo(long n) {
                    bar.stepTo(Math.min(n, max));
                }

                @Override
                public void close() {
                    bar.stepTo(max);
                    bar.close();
                }
            };
        }
        long started = System.nanoTime();
        return new Bar() {
            @Override
            public void stepTo(long n) {
            }

            @Override
            public void close() {
                log.printf("  %-44s done in %.1f s%n", task, (System.nanoTime() - started) / 1e9);
            }
        };
    }
}
