package org.pathlight.staff;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A bearer token for an integration, acting as the staff member who created it, until it expires or
 * is revoked.
 */
@Entity
@Table(name = "staff_api_token")
@NamedQuery(
    name = "ApiToken.byHash",
    query =
        "select t from ApiToken t where t.tokenHash = :hash and t.revokedAt is null"
            + " and t.expiresAt > :now")
@NamedQuery(
    name = "ApiToken.forStaff",
    query = "select t from ApiToken t where t.staffId = :staffId order by t.createdAt desc")
@NamedQuery(
    name = "ApiToken.revokeForStaff",
    query =
        "update ApiToken t set t.revokedAt = :now where t.staffId = :staffId"
            + " and t.revokedAt is null")
class ApiToken {

  @Id
  @SequenceGenerator(
      name = "staff_api_token_seq",
      sequenceName = "staff_api_token_seq",
      allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "staff_api_token_seq")
  private Long id;

  @Column(name = "staff_id", nullable = false)
  private long staffId;

  @Column(nullable = false)
  private String name;

  @Column(name = "token_hash", nullable = false)
  private String tokenHash;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  protected ApiToken() {}

  ApiToken(long staffId, String name, String tokenHash, Instant now, Instant expiresAt) {
    if (!expiresAt.isAfter(now)) {
      throw new IllegalArgumentException("a token must expire after it is created");
    }
    this.staffId = staffId;
    this.name = name;
    this.tokenHash = tokenHash;
    this.createdAt = now;
    this.expiresAt = expiresAt;
  }

  Long id() {
    return id;
  }

  long staffId() {
    return staffId;
  }

  String name() {
    return name;
  }

  Instant createdAt() {
    return createdAt;
  }

  Instant expiresAt() {
    return expiresAt;
  }

  Instant lastUsedAt() {
    return lastUsedAt;
  }

  Instant revokedAt() {
    return revokedAt;
  }

  void used(Instant now) {
    if (lastUsedAt == null || lastUsedAt.plusSeconds(60).isBefore(now)) {
      lastUsedAt = now;
    }
  }

  void revoke(Instant now) {
    if (revokedAt == null) {
      revokedAt = now;
    }
  }
}
