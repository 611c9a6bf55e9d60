package org.pathlight.common;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A signed link revoked before its expiry. */
@Entity
@Table(name = "revoked_token")
@NamedQuery(
    name = "RevokedToken.purgeExpired",
    query = "delete from RevokedToken r where r.expiresAt < :now")
class RevokedToken {

  @Id
  @Column(name = "token_id")
  private String tokenId;

  @Column(name = "revoked_at", nullable = false)
  private Instant revokedAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  protected RevokedToken() {}

  RevokedToken(String tokenId, Instant revokedAt, Instant expiresAt) {
    this.tokenId = tokenId;
    this.revokedAt = revokedAt;
    this.expiresAt = expiresAt;
  }
}
