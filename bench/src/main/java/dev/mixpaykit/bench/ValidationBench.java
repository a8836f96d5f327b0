package dev.mixpaykit.bench;

import dev.mixpaykit.mock.internal.RequestBody;
import dev.mixpaykit.mock.internal.RequestRules;
import dev.mixpaykit.mock.internal.SpecModel;
import dev.mixpaykit.mock.internal.Violation;
import dev.mixpaykit.openapi.MixPayOpenApi;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the mock's request validation costs per create-payment request, in-process:
 *
 * <ul>
 *   <li>{@code compiled}: {@link RequestRules#check} as the mock runs it, with the schemas
 *       compiled at load;
 *   <li>{@code reference} (the baseline): the same call on {@link RequestRules#referenceOnly},
 *       where swagger-request-validator checks every schema, as the mock did before.
 * </ul>
 *
 * <p>Both check the same valid form body ({@link SdkBench#FORM}, read once) against the current
 * contract and must find the same (no) violations.
 * {@code java -cp bench/target/benchmarks.jar dev.mixpaykit.bench.ValidationBench}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class ValidationBench {

  private RequestRules compiledRules;
  private RequestRules referenceRules;
  private SpecModel.BodySchema body;
  private RequestBody.Read read;

  @Setup(Level.Trial)
  public void load() throws RequestBody.Unreadable {
    SpecModel spec = SpecModel.load(MixPayOpenApi.yaml().toString());
    body = spec.routes().stream().filter(r -> r.template().equals("/v1/one_time_payment"))
        .findFirst().orElseThrow().body(RequestBody.FORM);
    compiledRules = new RequestRules(spec, Clock.systemUTC(), 0, false);
    referenceRules = RequestRules.referenceOnly(spec, Clock.systemUTC(), 0, false);
    read = RequestBody.read(RequestBody.FORM, SdkBench.FORM.getBytes(StandardCharsets.UTF_8),
        body);
    List<Violation> a = compiledRules.check(read, body);
    List<Violation> b = referenceRules.check(read, body);
    if (!a.isEmpty() || !b.isEmpty()) {
      throw new IllegalStateException("the body should be valid: " + a + " / " + b);
    }
  }

  @Benchmark
  public List<Violation> compiled() {
    return compiledRules.check(read, body);
  }

  @Benchmark
  public List<Violation> reference() {
    return referenceRules.check(read, body);
  }

  /** Runs both benchmarks and prints the ratio. */
  public static void main(String[] args) throws Exception {
    JmhRatio.runAndPrint(ValidationBench.class, "compiled|reference", "compiled", "reference", 2,
        "");
  }
}
