package dev.mixpaykit.mock.internal;

import com.github.fge.jsonschema.core.util.RegexECMA262Helper;
import java.util.regex.Pattern;

/**
 * A JSON Schema {@code pattern} (an ECMA-262 regex, as the schema validator runs it through
 * Rhino: no flags, {@code test()}, so a search anywhere in the input) translated once into a
 * {@link java.util.regex.Pattern} that decides the same inputs, or refused.
 *
 * <p>Only a small grammar is translated: literal characters below U+D800, {@code . ^ $},
 * {@code \d \D \w \W \s \S}, escaped punctuation, classes of such characters and ranges
 * (with {@code \d \w \s} inside), groups {@code (...)} and {@code (?:...)}, {@code |}, and the
 * quantifiers {@code * + ? {n} {n,} {n,m}} with an optional lazy {@code ?}. Anything else
 * (back-references, look-around, {@code \b}, unicode escapes, flags, an empty class...) is
 * refused and the schema keeps the reference validator.
 *
 * <p>Why the translation decides the same inputs: every atom is written out as an explicit
 * set of UTF-16 code units ({@code .} without LF, CR, U+2028, U+2029; {@code \s} as
 * ECMA's white space, not Java's), {@code ^}/{@code $} as start/end of input ({@code \A}/
 * {@code \z}, not Java's "before a final line terminator"), and no atom names a character at
 * or above U+D800. ECMA matches code units, Java code points; so {@link #matches} first
 * replaces every surrogate unit with U+FFFF, which no set distinguishes from a surrogate (both
 * are in exactly the negated sets, {@code .}, {@code \S}, {@code \D}, {@code \W}). On text
 * without surrogates each code point is one code unit and the two engines agree.
 */
final class EcmaRegex {

  /** ECMA-262 WhiteSpace and LineTerminator, as Rhino's {@code \s}, as Java class items. */
  static final String WHITE_SPACE = "\\x{9}-\\x{D}\\x{20}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}"
      + "\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}";
  private static final String DIGIT = "0-9";
  private static final String WORD = "A-Za-z0-9_";

  /**
   * Java matches a quantified group by recursion, a few stack frames per repetition (on a
   * 256 KiB stack, 200 repetitions of {@code (?:[|,](?:settle|pending|paid_less))*} overflow
   * it); longer inputs of such a pattern are left to the reference matcher, which is iterative.
   */
  static final int GROUP_LOOP_INPUT_LIMIT = 64;

  private final String source;
  private final Pattern pattern;
  private final boolean quantifiedGroup;

  private EcmaRegex(String source, Pattern pattern, boolean quantifiedGroup) {
    this.source = source;
    this.pattern = pattern;
    this.quantifiedGroup = quantifiedGroup;
  }

  /** The translation, or null when {@code ecma} is outside the grammar above. */
  static EcmaRegex translate(String ecma) {
    try {
      Translator t = new Translator(ecma);
      String java = t.alternation();
      if (t.pos != ecma.length()) {
        return null;
      }
      return new EcmaRegex(ecma, Pattern.compile(java), t.quantifiedGroup);
    } catch (Refused | java.util.regex.PatternSyntaxException e) {
      return null;
    }
  }

  /** Whether the ECMA regex finds a match in {@code input}, as {@code new RegExp(re).test}. */
  boolean matches(String input) {
    if (quantifiedGroup && input.length() > GROUP_LOOP_INPUT_LIMIT) {
      return RegexECMA262Helper.regMatch(source, input);
    }
    return pattern.matcher(withoutSurrogates(input)).find();
  }

  String source() {
    return source;
  }

  /** The Java regex, for tests. */
  String java() {
    return pattern.pattern();
  }

  private static CharSequence withoutSurrogates(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        char[] chars = s.toCharArray();
        for (int j = i; j < chars.length; j++) {
          if (Character.isSurrogate(chars[j])) {
            chars[j] = '\uFFFF';
          }
        }
        return new String(chars);
      }
    }
    return s;
  }

  private static final class Refused extends RuntimeException {
    Refused() {
      super(null, null, false, false);
    }
  }

  /** A recursive-descent reader of the grammar, writing the Java regex as it goes. */
  private static final class Translator {
    private final String in;
    private int pos;
    private boolean quantifiedGroup;

    Translator(String in) {
      this.in = in;
    }

    String alternation() {
      StringBuilder out = new StringBuilder(sequence());
      while (peek() == '|') {
        pos++;
        out.append('|').append(sequence());
      }
      return out.toString();
    }

    private String sequence() {
      StringBuilder out = new StringBuilder();
      while (pos < in.length() && peek() != '|' && peek() != ')') {
        char c = in.charAt(pos);
        if (c == '^' || c == '$') {
          pos++;
          out.append(c == '^' ? "\\A" : "\\z");
          if (pos < in.length() && "*+?{".indexOf(peek()) >= 0) {
            throw new Refused(); // a quantified assertion: not in ES5's grammar
          }
          continue;
        }
        boolean group = peek() == '(';
        String atom = atom();
        String quantifier = quantifier();
        quantifiedGroup |= group && !quantifier.isEmpty();
        out.append(atom).append(quantifier);
      }
      return out.toString();
    }

    private String atom() {
      char c = in.charAt(pos++);
      switch (c) {
        case '(' -> {
          boolean capturing = true;
          if (in.startsWith("?:", pos)) {
            pos += 2;
            capturing = false;
          } else if (peek() == '?') {
            throw new Refused(); // look-ahead and anything else after "(?"
          }
          String inner = alternation();
          if (peek() != ')') {
            throw new Refused();
          }
          pos++;
          return (capturing ? "(" : "(?:") + inner + ")";
        }
        case '[' -> {
          return characterClass();
        }
        case '.' -> {
          return "[^\\n\\r\\x{2028}\\x{2029}]";
        }
        case '\\' -> {
          String set = shorthand(false);
          return set != null ? set : literal(escaped());
        }
        default -> {
          if ("*+?{}])".indexOf(c) >= 0) {
            throw new Refused();
          }
          return literal(c);
        }
      }
    }

    private String quantifier() {
      if (pos >= in.length()) {
        return "";
      }
      char c = peek();
      String q;
      if (c == '*' || c == '+' || c == '?') {
        pos++;
        q = String.valueOf(c);
      } else if (c == '{') {
        int close = in.indexOf('}', pos);
        if (close < 0 || !in.substring(pos + 1, close).matches("[0-9]{1,4}(,[0-9]{0,4})?")) {
          throw new Refused();
        }
        String[] bounds = in.substring(pos + 1, close).split(",", -1);
        if (bounds.length == 2 && !bounds[1].isEmpty()
            && Integer.parseInt(bounds[0]) > Integer.parseInt(bounds[1])) {
          throw new Refused();
        }
        q = in.substring(pos, close + 1);
        pos = close + 1;
      } else {
        return "";
      }
      if (pos < in.length() && peek() == '?') {
        pos++;
        q += "?";
      }
      if (pos < in.length() && "*+?{".indexOf(peek()) >= 0) {
        throw new Refused(); // a quantified quantifier (Java would read a possessive one)
      }
      return q;
    }

    private String characterClass() {
      boolean negated = peek() == '^';
      if (negated) {
        pos++;
      }
      StringBuilder items = new StringBuilder();
      boolean first = true;
      while (true) {
        if (pos >= in.length()) {
          throw new Refused();
        }
        char c = in.charAt(pos++);
        if (c == ']') {
          if (first) {
            throw new Refused(); // [] and [^]: no Java equivalent written the same way
          }
          break;
        }
        first = false;
        char from;
        if (c == '\\') {
          String set = shorthand(true);
          if (set != null) {
            if (peek() == '-' && pos + 1 < in.length() && in.charAt(pos + 1) != ']') {
              throw new Refused(); // a range from a class: ECMA's annex B reads it otherwise
            }
            items.append(set);
            continue;
          }
          from = escaped();
        } else {
          from = checked(c);
        }
        if (peek() == '-' && pos + 1 < in.length() && in.charAt(pos + 1) != ']') {
          pos++;
          char to = in.charAt(pos++);
          if (to == '\\') {
            if (shorthand(true) != null) {
              throw new Refused(); // a range to a class: ECMA's annex B reads it otherwise
            }
            to = escaped();
          } else {
            to = checked(to);
          }
          if (to < from) {
            throw new Refused();
          }
          items.append(hex(from)).append('-').append(hex(to));
        } else {
          items.append(hex(from));
        }
      }
      return "[" + (negated ? "^" : "") + items + "]";
    }

    /**
     * After a backslash: {@code \d \w \s} (and outside classes their negations) as Java
     * class text; null when the escape is not one of them (the position is then unchanged).
     */
    private String shorthand(boolean inClass) {
      if (pos >= in.length()) {
        throw new Refused();
      }
      String set = switch (in.charAt(pos)) {
        case 'd' -> inClass ? DIGIT : "[" + DIGIT + "]";
        case 'w' -> inClass ? WORD : "[" + WORD + "]";
        case 's' -> inClass ? WHITE_SPACE : "[" + WHITE_SPACE + "]";
        case 'D' -> inClass ? null : "[^" + DIGIT + "]";
        case 'W' -> inClass ? null : "[^" + WORD + "]";
        case 'S' -> inClass ? null : "[^" + WHITE_SPACE + "]";
        default -> null;
      };
      if (set == null && "DWS".indexOf(in.charAt(pos)) >= 0) {
        throw new Refused(); // negated shorthands inside a class: left to the reference
      }
      if (set != null) {
        pos++;
      }
      return set;
    }

    /** After a backslash: an escaped punctuation character, the only other escape taken. */
    private char escaped() {
      if (pos >= in.length()) {
        throw new Refused();
      }
      char c = in.charAt(pos++);
      if ("\\/.-^$*+?()[]{}|".indexOf(c) < 0) {
        throw new Refused(); // \b, \B, \1, unicode and hex escapes, \c, \t, \n...
      }
      return c;
    }

    private static char checked(char c) {
      if (c >= '\uD800') {
        throw new Refused(); // surrogates and U+FFFF are what matches() maps them to
      }
      return c;
    }

    private static String literal(char c) {
      checked(c);
      return Character.isLetterOrDigit(c) && c < 128 ? String.valueOf(c) : hex(c);
    }

    private static String hex(char c) {
      return "\\x{" + Integer.toHexString(c) + "}";
    }

    private char peek() {
      return pos < in.length() ? in.charAt(pos) : '\0';
    }
  }
}
