package org.pathlight.common;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a failure for what the database said: unreachable (the caller answers 503 and tries again
 * later) or refusing a text it cannot store (the caller answers 400). Knows the cause chains of
 * PostgreSQL's driver, Payara's pool and EclipseLink.
 */
public final class DatabaseFailures {

  /** SQLSTATEs for text PostgreSQL will not take: invalid byte sequence, untranslatable. */
  private static final Set<String> UNSTORABLE_TEXT = Set.of("22021", "22P05");

  /**
   * SQLSTATEs for a database that is not there: class 08 (connection exception), shutting down,
   * starting up, too many connections.
   */
  private static final Set<String> UNAVAILABLE = Set.of("57P01", "57P02", "57P03", "53300");

  private DatabaseFailures() {}

  static boolean unstorableText(Throwable thrown) {
    for (Throwable t : chain(thrown)) {
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && UNSTORABLE_TEXT.contains(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** A unique constraint refused the write (SQLSTATE 23505): someone else wrote it first. */
  public static boolean uniqueViolation(Throwable thrown) {
    for (Throwable t : chain(thrown)) {
      if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  public static boolean unavailable(Throwable thrown) {
    boolean sawDatabase = false;
    for (Throwable t : chain(thrown)) {
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState();
        if (state != null && (state.startsWith("08") || UNAVAILABLE.contains(state))) {
          return true;
        }
        String message = String.valueOf(sql.getMessage());
        // Payara's pool: "Error in allocating a connection. Cause: Connection could not be
        // allocated because: ..." (no SQLSTATE)
        if (message.contains("Error in allocating a connection")
            || message.contains("Connection could not be allocated")) {
          return true;
        }
        sawDatabase = true;
      }
      String type = t.getClass().getName();
      if (type.endsWith(".PoolingException") || type.startsWith("jakarta.resource.")) {
        return true;
      }
      if (type.startsWith("org.eclipse.persistence.") || type.startsWith("org.postgresql.")) {
        sawDatabase = true;
      }
      if (sawDatabase
          && (t instanceof ConnectException
              || t instanceof SocketTimeoutException
              || t instanceof UnknownHostException
              || t instanceof java.io.EOFException)) {
        return true;
      }
    }
    return false;
  }

  /** The innermost message, on one line: what the log says instead of a stack trace. */
  public static String summary(Throwable thrown) {
    List<Throwable> chain = chain(thrown);
    Throwable deepest = chain.get(chain.size() - 1);
    String message = deepest.getMessage() == null ? "" : deepest.getMessage();
    String line = deepest.getClass().getSimpleName() + ": " + message.replaceAll("\\s+", " ");
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }

  /** The causes of {@code thrown}, outermost first, at most 32 (a chain can be a cycle). */
  private static List<Throwable> chain(Throwable thrown) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = thrown; t != null && chain.size() < 32 && !chain.contains(t); t = next(t)) {
      chain.add(t);
    }
    return chain;
  }

  private static Throwable next(Throwable t) {
    Throwable cause = t.getCause();
    if (cause == null && t instanceof SQLException sql) {
      cause = sql.getNextException();
    }
    return cause;
  }
}
