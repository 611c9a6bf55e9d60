package org.pathlight.staff;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/**
 * A browser sign-in, kept in PostgreSQL so any instance can serve it. The cookie carries a random
 * token; only its SHA-256 is stored.
 */
@Entity
@Table(name = "staff_session")
@NamedQuery(
    name = "StaffSession.purgeExpired",
    query = "delete from StaffSession s where s.expiresAt < :now")
@NamedQuery(
    name = "StaffSession.deleteForStaff",
    query = "delete from StaffSession s where s.staffId = :staffId")
class StaffSession {

  @Id
  @Column(name = "token_hash")
  private String tokenHash;

  @Column(name = "staff_id", nullable = false)
  private long staffId;

  @Column(name = "csrf_token", nullable = false)
  private String csrfToken;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "last_seen_at", nullable = false)
  private Instant lastSeenAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  /** How it was opened: {@code password} or {@code sso}. */
  @Column(nullable = false)
  private String via;

  protected StaffSession() {}

  StaffSession(
      String tokenHash,
      long staffId,
      String csrfToken,
      String via,
      Instant now,
      Duration lifetime) {
    this.tokenHash = tokenHash;
    this.via = via;
    this.staffId = staffId;
    this.csrfToken = csrfToken;
    this.createdAt = now;
    this.lastSeenAt = now;
    this.expiresAt = now.plus(lifetime);
  }

  /** Alive when neither the absolute lifetime nor the idle limit has passed. */
  boolean isAlive(Instant now, Duration idleLimit) {
    return now.isBefore(expiresAt) && now.isBefore(lastSeenAt.plus(idleLimit));
  }

  /** Records activity; writes at most once a minute. */
  boolean touch(Instant now) {
    if (Duration.between(lastSeenAt, now).toSeconds() >= 60) {
      lastSeenAt = now;
      return true;
    }
    return false;
  }

  long staffId() {
    return staffId;
  }

  String csrfToken() {
    return csrfToken;
  }

  boolean viaPassword() {
    return "password".equals(via);
  }

  Instant expiresAt() {
    return expiresAt;
  }
}
