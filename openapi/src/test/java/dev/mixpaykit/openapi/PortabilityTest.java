package dev.mixpaykit.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import dev.mixpaykit.openapi.MixPayOpenApi.Contract;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;
import org.slf4j.LoggerFactory;

/**
 * Other language teams generate their clients from this description: it must generate
 * cleanly for TypeScript and Python, and the Python client must compile.
 *
 * <p>"Cleanly" means no warning caused by the description. Some generators warn about every
 * input (the Python generator logs "Failed to get the schema name: null" for any property), so
 * each test first generates a minimal description and only accepts warnings that one also
 * gets. The TypeScript clients are compiled by {@code npm run check:typescript}, which reads
 * what this test writes to {@code target/portability/typescript-fetch} (and
 * {@code typescript-fetch-2022} for the 2022 contract).
 */
class PortabilityTest {

  private static final Path OUT = Path.of("target", "portability");

  /**
   * Warnings about MixPay's own wire names, which the description cannot change: the result
   * query's {@code with} parameter is a Python keyword, so the Python generator renames it (and
   * says so). Anything else the description causes fails the test.
   */
  private static final List<String> MIXPAY_WIRE_NAMES = List.of(
      "With (reserved word) cannot be used as model name. Renamed to ModelWith");

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private Level previousLevel;

  @BeforeEach
  void captureGeneratorLog() {
    previousLevel = root.getLevel();
    root.setLevel(Level.INFO);
    log.start();
    root.addAppender(log);
  }

  @AfterEach
  void releaseLog() {
    root.detachAppender(log);
    root.setLevel(previousLevel);
  }

  @ParameterizedTest
  @EnumSource(Contract.class)
  void typescriptFetchClientGeneratesWithoutWarnings(Contract contract) throws Exception {
    Map<String, Object> options = Map.of("npmName", "@mixpaykit/mixpay-client", "supportsES6", true);
    List<String> baseline = baselineWarnings("typescript-fetch", options);

    List<File> files = generate("typescript-fetch", MixPayOpenApi.yaml(contract).toString(),
        options, OUT.resolve("typescript-fetch" + suffix(contract)));

    assertThat(files).anySatisfy(f -> assertThat(f.getName()).isEqualTo("OneTimePaymentApi.ts"));
    assertThat(warnings()).isSubsetOf(baseline);
  }

  @ParameterizedTest
  @EnumSource(Contract.class)
  void pythonClientGeneratesWithoutWarningsAndCompiles(Contract contract) throws Exception {
    Map<String, Object> options = Map.of("packageName", "mixpay_client");
    List<String> baseline = baselineWarnings("python", options);
    Path dir = OUT.resolve("python" + suffix(contract));

    List<File> files = generate("python", MixPayOpenApi.yaml(contract).toString(), options, dir);

    assertThat(files).anySatisfy(f -> assertThat(f.getName()).isEqualTo("one_time_payment_api.py"));
    List<String> accepted = new java.util.ArrayList<>(baseline);
    accepted.addAll(MIXPAY_WIRE_NAMES);
    assertThat(warnings()).isSubsetOf(accepted);

    Process compile = new ProcessBuilder("python3", "-m", "compileall", "-q",
        dir.resolve("mixpay_client").toString())
        .redirectErrorStream(true).start();
    assertThat(compile.waitFor(120, TimeUnit.SECONDS)).as("python3 finished").isTrue();
    String output = new String(compile.getInputStream().readAllBytes());
    assertThat(compile.exitValue()).as(output).isZero();
  }

  /**
   * Baselines, per generator, taken once per JVM: some generator warnings are logged only the
   * first time, so a second baseline would miss them while a new description still causes them.
   */
  private static final Map<String, List<String>> BASELINES = new HashMap<>();

  /** What the generator warns about a description with one path and one plain schema. */
  private List<String> baselineWarnings(String generator, Map<String, Object> options)
      throws Exception {
    List<String> known = BASELINES.get(generator);
    if (known != null) {
      return known;
    }
    Path minimal = OUT.resolve("baseline.yaml");
    Files.createDirectories(OUT);
    Files.writeString(minimal, String.join("\n",
        "openapi: 3.0.3",
        "info: {title: baseline, version: '1'}",
        "paths:",
        "  /thing:",
        "    get:",
        "      operationId: getThing",
        "      responses:",
        "        '200':",
        "          description: ok",
        "          content:",
        "            application/json:",
        "              schema: {$ref: '#/components/schemas/Thing'}",
        "components:",
        "  schemas:",
        "    Thing:",
        "      type: object",
        "      properties:",
        "        name: {type: string}",
        ""));
    generate(generator, minimal.toUri().toString(), options, OUT.resolve("baseline-" + generator));
    List<String> baseline = warnings();
    log.list.clear();
    BASELINES.put(generator, baseline);
    return baseline;
  }

  private static String suffix(Contract contract) {
    return contract == Contract.CURRENT ? "" : "-" + contract.label();
  }

  private List<File> generate(String generator, String spec, Map<String, Object> options,
      Path dir) {
    CodegenConfigurator config = new CodegenConfigurator()
        .setGeneratorName(generator)
        .setInputSpec(spec)
        .setOutputDir(dir.toString())
        .setAdditionalProperties(new HashMap<>(options));
    return new DefaultGenerator().opts(config.toClientOptInput()).generate();
  }

  private List<String> warnings() {
    return log.list.stream()
        .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

}
