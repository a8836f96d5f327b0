package dev.mixpaykit.mock.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.fge.jsonschema.core.util.RegexECMA262Helper;
import dev.mixpaykit.openapi.MixPayOpenApi;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each translated pattern decides what the schema validator's own ECMA-262 matcher (Rhino,
 * through {@link RegexECMA262Helper#regMatch}) decides, on the spec's patterns and on the
 * cases where Java's regex and ECMA's differ.
 */
class EcmaRegexTest {

  /** Where ECMA and Java read the same text differently, and the usual hostile extras. */
  private static final List<String> TRICKY = List.of("", "\n", "\r", "\r\n", "\u2028",
      "\u2029", "\u0085", " ", "\t", "\u000b", "\f", "\u00a0", "\u1680", "\u180e", "\u2000",
      "\u200a", "\u200b", "\u202f", "\u205f", "\u3000", "\ufeff", "\ufffe", "\uffff",
      "\ud83d\ude00", "\ud83d", "\ude00", "\ude00\ud83d", "\u0000", "-", "_", "|", ",", "%",
      "\u0660", "\uff10", "\u00e9", "\u212a", "K", "a", "Z", "0", "9", "f", "F", "g", "G");

  private static final List<String> EXTRA_PATTERNS = List.of("a.c", "^.$", "^..$", "^.{2}$",
      "^\\S+$", "^\\S{2}$", "^[^\\s]{2}$", "^[^a][^a]$", "\\s", "[\\s]", "\\S", "[^\\s]",
      "x$", "^x", "^$", "a+?b", "(ab|c)*d", "[\\s,]+", "[a\\-z]", "^\\d{3}\\w*$", "[-a]",
      "[a-]", "^(?:a|b)?$", "^[^x]+[^a]$", "\\D\\W", "^[a-c]{0,2}$", "^https://[^\\s]+$");

  private static List<String> specPatterns() {
    Set<String> out = new LinkedHashSet<>();
    for (MixPayOpenApi.Contract c : MixPayOpenApi.Contract.values()) {
      SpecModel spec = SpecModel.load(MixPayOpenApi.yaml(c).toString());
      for (SpecModel.Route route : spec.routes()) {
        route.bodies().values().forEach(b -> b.fields().values().forEach(f -> {
          if (f.schema().getPattern() != null) {
            out.add(f.schema().getPattern());
          }
        }));
        route.query().forEach(q -> {
          if (q.schema() != null && q.schema().getPattern() != null) {
            out.add(q.schema().getPattern());
          }
        });
      }
    }
    return List.copyOf(out);
  }

  /** The tricky strings alone, inside and around text the pattern likes, and random mixes. */
  private static List<String> corpus(String pattern, Random random) {
    List<String> seeds = new ArrayList<>(List.of("abcdef", "settle", "settle|pending",
        "paid_less,settle", "https://shop.example/cb?x=1", "https://a",
        "4d8c508b-91c5-375b-92b0-ee702ed2dac5", "4D8C508B91C5375B92B0EE702ED2DAC5", "usd",
        "order_123-abc", "a" .repeat(36), "a".repeat(37), "abcde", "abcdc", "aab", "acd",
        "123abc_", "x", "ab", "a-", "zz"));
    List<String> out = new ArrayList<>();
    for (String seed : seeds) {
      out.add(seed);
      for (String t : TRICKY) {
        out.add(t);
        out.add(seed + t);
        out.add(t + seed);
        out.add(seed.substring(0, seed.length() / 2) + t + seed.substring(seed.length() / 2));
      }
    }
    String alphabet = "aAzZ09fFgG-_|,:/. \n\r\t\u00a0\u2028\u3000\ufeff\ud83d\ude00%";
    for (int i = 0; i < 300; i++) {
      StringBuilder s = new StringBuilder(random.nextBoolean() ? seeds.get(
          random.nextInt(seeds.size())) : "");
      int n = random.nextInt(8);
      for (int j = 0; j < n; j++) {
        s.insert(random.nextInt(s.length() + 1), alphabet.charAt(random.nextInt(
            alphabet.length())));
      }
      out.add(s.toString());
    }
    return out;
  }

  @Test
  void everySpecPatternIsTranslated() {
    List<String> patterns = specPatterns();
    assertThat(patterns).hasSizeGreaterThanOrEqualTo(5);
    for (String p : patterns) {
      assertThat(EcmaRegex.translate(p)).as(p).isNotNull();
    }
  }

  @Test
  void translatedPatternsDecideAsTheValidatorsEcmaMatcher() {
    Random random = new Random(20261123);
    List<String> patterns = new ArrayList<>(specPatterns());
    patterns.addAll(EXTRA_PATTERNS);
    List<String> disagreements = new ArrayList<>();
    for (String p : patterns) {
      EcmaRegex regex = EcmaRegex.translate(p);
      assertThat(regex).as(p).isNotNull();
      for (String input : corpus(p, random)) {
        if (regex.matches(input) != RegexECMA262Helper.regMatch(p, input)) {
          disagreements.add(p + " on " + escaped(input));
        }
      }
    }
    assertThat(disagreements).isEmpty();
  }

  /**
   * Every UTF-16 code unit, for the one-unit atoms whose sets differ between the languages:
   * the few units an atom's translation takes (or refuses) one by one, the rest in batches of
   * 512 (the ECMA regex {@code ^(?:atom)*$}, or its complement's, takes the whole batch only
   * if it takes each unit).
   */
  @Test
  void whiteSpaceAndDotAreEcmasOnEveryCodeUnit() {
    List<String> disagreements = new ArrayList<>();
    for (String[] atomAndComplement : List.of(new String[] {"\\s", "\\S"},
        new String[] {"[^\\s]", "\\s"}, new String[] {"\\S", "\\s"},
        new String[] {".", "[\\n\\r\\u2028\\u2029]"})) {
      String atom = atomAndComplement[0];
      EcmaRegex regex = EcmaRegex.translate(atom);
      StringBuilder taken = new StringBuilder();
      StringBuilder refused = new StringBuilder();
      for (int c = 0; c <= 0xFFFF; c++) {
        (regex.matches(String.valueOf((char) c)) ? taken : refused).append((char) c);
      }
      check(atom, "^(?:" + atom + ")*$", taken, true, disagreements);
      check(atom, "^(?:" + atomAndComplement[1] + ")*$", refused, false, disagreements);
    }
    assertThat(disagreements).isEmpty();
  }

  private static void check(String atom, String whole, CharSequence units, boolean taken,
      List<String> disagreements) {
    if (units.length() < 100) {
      for (int i = 0; i < units.length(); i++) {
        if (RegexECMA262Helper.regMatch(atom, String.valueOf(units.charAt(i))) != taken) {
          disagreements.add(atom + " on U+" + Integer.toHexString(units.charAt(i)));
        }
      }
      return;
    }
    for (int i = 0; i < units.length(); i += 512) {
      String batch = units.subSequence(i, Math.min(units.length(), i + 512)).toString();
      if (!RegexECMA262Helper.regMatch(whole, batch)) {
        disagreements.add(atom + " (" + (taken ? "taken" : "refused") + ") in the batch from U+"
            + Integer.toHexString(batch.charAt(0)));
      }
    }
  }

  /** Long inputs of a quantified group: no stack overflow, the same answers. */
  @Test
  void longRepetitionsOfAGroupAreAnsweredWithoutOverflow() {
    String p = "^(?:settle|pending|paid_less)(?:[|,](?:settle|pending|paid_less))*$";
    EcmaRegex regex = EcmaRegex.translate(p);
    for (int n : new int[] {8, 9, 10, 1000, 9000}) {
      String valid = "settle" + "|pending".repeat(n);
      for (String input : List.of(valid, valid + "\n", valid + "|", valid.replace("|", ","))) {
        assertThat(regex.matches(input)).as(n + " repetitions")
            .isEqualTo(RegexECMA262Helper.regMatch(p, input));
      }
    }
    assertThat(regex.matches("settle" + "|pending".repeat(9000))).isTrue();
  }

  @Test
  void anchorsAreStartAndEndOfInputOnly() {
    EcmaRegex regex = EcmaRegex.translate("^[a-z]{3}$");
    assertThat(regex.matches("usd")).isTrue();
    assertThat(regex.matches("usd\n")).isFalse(); // Java's own $ would accept this
    assertThat(regex.matches("\nusd")).isFalse();
    assertThat(RegexECMA262Helper.regMatch("^[a-z]{3}$", "usd\n")).isFalse();
  }

  @Test
  void anythingOutsideTheGrammarIsRefused() {
    for (String p : List.of("(a)\\1", "(?=a)", "(?!a)", "(?<=a)b", "\\bx", "x\\B", "[]",
        "[^]", "a{2,1}", "\\u0041", "\\x41", "\\cA", "a**", "a+*", "^*", "$?", "[\\S]",
        "[\\D]", "[\\s-z]", "[a-\\s]", "[z-a]", "\ud83d", "[\ud83d\ude00]", "\uffff", "a{",
        "a}", "]", ")", "(", "(a", "[a", "\\", "a|*", "\\t", "\\n", "\\0", "(?i)a", "{2}")) {
      assertThat(EcmaRegex.translate(p)).as(p).isNull();
    }
  }

  private static String escaped(String s) {
    StringBuilder out = new StringBuilder("\"");
    s.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c)
        : String.format("\\u%04x", c)));
    return out.append('"').toString();
  }
}
