package org.pathlight.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

class DatabaseFailuresTest {

  /** As EclipseLink wraps a JDBC failure (its DatabaseException carries the SQLException). */
  private static RuntimeException eclipseLink(Throwable jdbc) {
    return new IllegalStateException(
        "Exception [EclipseLink-4002] (Eclipse Persistence Services): DatabaseException", jdbc);
  }

  @Test
  void aDatabaseThatCannotBeReachedIsUnavailable() {
    assertThat(
            DatabaseFailures.unavailable(
                eclipseLink(
                    new PSQLException(
                        "Connection to localhost:5432 refused.",
                        PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                        new ConnectException("Connection refused")))))
        .isTrue();
    assertThat(
            DatabaseFailures.unavailable(
                eclipseLink(
                    new SQLException(
                        "Error in allocating a connection. Cause: Connection could not be"
                            + " allocated because: Connection to localhost:1 refused."))))
        .as("Payara's pool says so without an SQLSTATE")
        .isTrue();
    assertThat(
            DatabaseFailures.unavailable(
                new PSQLException(
                    "An I/O error occurred while sending to the backend.",
                    PSQLState.CONNECTION_FAILURE,
                    new SocketTimeoutException("Read timed out"))))
        .isTrue();
    assertThat(DatabaseFailures.unavailable(new SQLException("shutting down", "57P01"))).isTrue();
    assertThat(
            DatabaseFailures.unavailable(
                new RuntimeException(
                    new SQLException("x", "XX000", new SocketTimeoutException("Read timed out")))))
        .as("a timeout under a JDBC failure")
        .isTrue();
  }

  @Test
  void otherFailuresAreNotAnOutage() {
    assertThat(DatabaseFailures.unavailable(new SQLException("duplicate key", "23505"))).isFalse();
    assertThat(DatabaseFailures.unavailable(new IllegalStateException("boom"))).isFalse();
    assertThat(
            DatabaseFailures.unavailable(
                new RuntimeException("SMTP", new ConnectException("Connection refused"))))
        .as("a mail server or Stripe that cannot be reached is not the database")
        .isFalse();
    assertThat(DatabaseFailures.unavailable(new SQLException("invalid", "22021"))).isFalse();
  }

  @Test
  void textTheDatabaseCannotStoreIsRecognised() {
    assertThat(
            DatabaseFailures.unstorableText(
                eclipseLink(
                    new SQLException(
                        "ERROR: invalid byte sequence for encoding \"UTF8\": 0x00", "22021"))))
        .isTrue();
    assertThat(DatabaseFailures.unstorableText(new SQLException("untranslatable", "22P05")))
        .isTrue();
    assertThat(DatabaseFailures.unstorableText(new SQLException("duplicate key", "23505")))
        .isFalse();
    assertThat(DatabaseFailures.unstorableText(eclipseLink(new SQLException("no state"))))
        .isFalse();
    assertThat(DatabaseFailures.unavailable(eclipseLink(new SQLException("no state")))).isFalse();
  }

  @Test
  void theSummaryIsOneShortLine() {
    String summary =
        DatabaseFailures.summary(
            eclipseLink(new PSQLException("Connection\nrefused.", PSQLState.CONNECTION_FAILURE)));
    assertThat(summary).isEqualTo("PSQLException: Connection refused.").doesNotContain("\n");
    assertThat(DatabaseFailures.summary(new RuntimeException("x".repeat(1000))))
        .hasSizeLessThan(320);
  }

  @Test
  void aCycleOfCausesEnds() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    assertThat(DatabaseFailures.unavailable(a)).isFalse();
    assertThat(DatabaseFailures.summary(a)).isNotBlank();
  }
}
