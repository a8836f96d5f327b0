package dev.mixpaykit.mock.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Keeps Jetty and WireMock from printing their start-up and shut-down chatter (about 60 lines
 * per mock) through whatever SLF4J binding the host project uses. Only loggers whose level
 * nobody set are touched, so a project's own logging configuration always wins.
 *
 * <p>Bindings handled: slf4j-simple (the executable jar's; read when a logger is first made, so
 * this runs before Jetty's classes load), Logback and java.util.logging. Log4j 2 is quiet at
 * INFO without a configuration; other bindings are left alone.
 */
public final class QuietLogging {

  // Most of the noise: Jetty's life cycle at INFO.
  private static final Map<String, String> LEVELS = Map.of(
      "org.eclipse.jetty", "WARN",
      "com.github.tomakehurst.wiremock", "WARN",
      "wiremock", "WARN",
      // Under an unconfigured Logback (DEBUG for all), the parser prints the whole spec and the
      // validator its every step.
      "io.swagger", "WARN",
      "com.atlassian.oai", "WARN",
      "com.github.fge", "WARN",
      // A reset the test asked for (dropNext, chaos) is not worth a warning with a stack trace.
      "org.eclipse.jetty.server.HttpChannel", "ERROR");

  // java.util.logging holds loggers weakly: a level set on a collected logger is lost.
  private static final List<Object> KEPT = new ArrayList<>();
  private static boolean applied;

  private QuietLogging() {}

  /** Applies the levels once per JVM; never fails (logging is not worth failing a test for). */
  public static synchronized void apply() {
    if (applied) {
      return;
    }
    applied = true;
    try {
      LEVELS.forEach((name, level) -> {
        String key = "org.slf4j.simpleLogger.log." + name;
        if (System.getProperty(key) == null) {
          System.setProperty(key, level.toLowerCase(java.util.Locale.ROOT));
        }
      });
      Object factory = LoggerFactory.getILoggerFactory();
      String kind = factory.getClass().getName();
      if (kind.equals("ch.qos.logback.classic.LoggerContext")) {
        logback(factory);
      } else if (kind.equals("org.slf4j.jul.JDK14LoggerFactory")) {
        LEVELS.forEach((name, level) -> {
          java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
          if (logger.getLevel() == null) {
            logger.setLevel(level.equals("ERROR") ? java.util.logging.Level.SEVERE
                : java.util.logging.Level.WARNING);
            KEPT.add(logger);
          }
        });
      }
    } catch (RuntimeException | LinkageError e) {
      // Leave the host's logging as it is.
    }
  }

  private static void logback(Object context) {
    try {
      ClassLoader loader = context.getClass().getClassLoader();
      Class<?> levelClass = Class.forName("ch.qos.logback.classic.Level", true, loader);
      Method getLogger = context.getClass().getMethod("getLogger", String.class);
      for (Map.Entry<String, String> e : LEVELS.entrySet()) {
        Object logger = getLogger.invoke(context, e.getKey());
        if (logger.getClass().getMethod("getLevel").invoke(logger) == null) {
          logger.getClass().getMethod("setLevel", levelClass)
              .invoke(logger, levelClass.getField(e.getValue()).get(null));
        }
      }
    } catch (ReflectiveOperationException e) {
      // An unexpected Logback: leave it as it is.
    }
  }
}
