package org.dnaslab.progress;

/** Makes {@link Progress} displays; the kernel installs one that draws a live bar in the notebook. */
@FunctionalInterface
public interface ProgressReporter {
    Progress start(String task, long totalSteps);
}
