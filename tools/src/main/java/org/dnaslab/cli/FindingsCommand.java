package org.dnaslab.cli;

import org.dnaslab.report.Budget;
import org.dnaslab.report.Finding;
import org.dnaslab.report.Findings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./lab findings}: the table of one budget's findings on the terminal, and findings.json/.html beside them. */
@Command(name = "findings", mixinStandardHelpOptions = true,
        description = "Print the findings the notebooks saved at one budget and write findings.json and findings.html.")
public final class FindingsCommand implements Callable<Integer> {
    @Option(names = "--budget", defaultValue = "laptop", description = "quick, laptop or paper (default ${DEFAULT-VALUE})")
    String budget;
    @Option(names = "--dir", description = "the findings directory (default: $DNASLAB_FINDINGS or build/findings)")
    Path dir;

    @Override
    public Integer call() {
        String name = Budget.named(budget).name();
        Path root = dir == null ? Findings.directory() : dir;
        List<Finding> findings = Findings.load(root.resolve(name));
        if (findings.isEmpty()) {
            System.out.println("no findings at the " + name + " budget in " + root.resolve(name)
                    + "; run ./lab reproduce --budget " + name);
            return 1;
        }
        Path html = Findings.writeReport(root.resolve(name), root);
        System.out.print(Findings.table(findings));
        System.out.println("report: " + html + " and " + root.resolve("findings.json"));
        return 0;
    }
}
