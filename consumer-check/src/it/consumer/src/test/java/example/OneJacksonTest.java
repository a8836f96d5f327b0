package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.mixpaykit.mock.MixPayMock;
import dev.mixpaykit.sdk.MixPayClient;
import java.io.File;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shop's test class path (the SDK and, for tests, the mock) holds one Jackson. */
class OneJacksonTest {

  // FasterXML's Jackson only (com/fasterxml/jackson/...), not other projects' "jackson-*" jars.
  private static final Pattern JAR =
      Pattern.compile("/com/fasterxml/jackson/.*/(jackson-[a-z0-9-]+?)-(\\d[^/]*)\\.jar$");

  @Test
  void everyJacksonJarIsTheToolkitsVersion() {
    String expected = System.getProperty("jackson.version");
    // jackson-annotations is versioned major.minor only since Jackson 2.20.
    String annotations = expected.substring(0, expected.lastIndexOf('.'));
    Map<String, String> found = new TreeMap<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Matcher m = JAR.matcher(entry.replace('\\', '/'));
      if (m.find()) {
        found.put(m.group(1), m.group(2));
      }
    }
    assertFalse(found.isEmpty(), "no Jackson on the class path");
    found.forEach((artifact, version) -> assertEquals(
        artifact.equals("jackson-annotations") ? annotations : expected, version, artifact));
    // Both are usable side by side.
    MixPayClient.builder().build();
    MixPayMock.builder();
  }
}
