package dev.mixpaykit.bench;

import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** The benchmarks' entry points: one JMH run, each score, and the same-run ratio of two. */
final class JmhRatio {

  private JmhRatio() {}

  /**
   * Runs {@code bench}'s methods matching {@code methods} (a regex alternation of method names),
   * prints each score in microseconds with {@code decimals} decimals, then {@code top / bottom}
   * when both ran, followed by {@code note}.
   */
  static void runAndPrint(Class<?> bench, String methods, String top, String bottom,
      int decimals, String note) throws RunnerException {
    Map<String, Double> score = new HashMap<>();
    for (RunResult r : new Runner(new OptionsBuilder()
        .include(bench.getName() + "\\.(" + methods + ")$").build()).run()) {
      String name = r.getParams().getBenchmark();
      score.put(name.substring(name.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
    }
    String line = "%-" + (Math.max(top.length(), bottom.length()) + 1) + "s %8." + decimals
        + "f us/op%n";
    System.out.println();
    score.forEach((name, us) -> System.out.printf(line, name, us));
    if (score.containsKey(top) && score.containsKey(bottom)) {
      System.out.printf("ratio %s / %s = %.3f%s%n", top, bottom,
          score.get(top) / score.get(bottom), note);
    }
  }
}
