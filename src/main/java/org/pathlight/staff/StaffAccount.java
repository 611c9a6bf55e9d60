package org.pathlight.staff;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.pathlight.access.StaffRole;
import org.pathlight.access.StaffRoleConverter;
import org.pathlight.common.Emails;

/** A person who runs Pathlight. Signs in with email and password; holds roles. */
@Entity
@Table(name = "staff_account")
@NamedQuery(
    name = "StaffAccount.byEmail",
    query = "select s from StaffAccount s where s.emailKey = :emailKey")
@NamedQuery(name = "StaffAccount.count", query = "select count(s) from StaffAccount s")
@NamedQuery(name = "StaffAccount.all", query = "select s from StaffAccount s order by s.email")
public class StaffAccount {

  @Id
  @SequenceGenerator(
      name = "staff_account_seq",
      sequenceName = "staff_account_seq",
      allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "staff_account_seq")
  private Long id;

  @Column(nullable = false)
  private String email;

  /** {@link Emails#normalize} of the email: what sign-in and the unique index compare. */
  @Column(name = "email_key", nullable = false)
  private String emailKey;

  @Column(name = "display_name", nullable = false)
  private String displayName;

  @Column(name = "password_hash", nullable = false)
  private String passwordHash;

  @Column(nullable = false)
  private boolean active = true;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "staff_account_role", joinColumns = @JoinColumn(name = "staff_id"))
  @Column(name = "role")
  @Convert(converter = StaffRoleConverter.class)
  private Set<StaffRole> roles = new HashSet<>();

  /** Set while two-step sign-in is on; written by {@link TwoFactor} only. */
  @Column(name = "totp_secret", insertable = false, updatable = false)
  private String totpSecret;

  @Version private long version;

  protected StaffAccount() {}

  StaffAccount(
      String email, String displayName, String passwordHash, Set<StaffRole> roles, Instant now) {
    this.email = email;
    this.emailKey = Emails.normalize(email);
    this.displayName = displayName;
    this.passwordHash = passwordHash;
    this.roles = new HashSet<>(roles);
    this.createdAt = now;
  }

  public Long id() {
    return id;
  }

  public String email() {
    return email;
  }

  String emailKey() {
    return emailKey;
  }

  public String displayName() {
    return displayName;
  }

  String passwordHash() {
    return passwordHash;
  }

  public boolean isActive() {
    return active;
  }

  boolean twoFactorOn() {
    return totpSecret != null;
  }

  /** Whether this account may act in a role (an admin may do everything). */
  public boolean has(StaffRole role) {
    return roles.contains(StaffRole.ADMIN) || roles.contains(role);
  }

  public Set<StaffRole> roles() {
    return roles.isEmpty() ? EnumSet.noneOf(StaffRole.class) : EnumSet.copyOf(roles);
  }

  void changePasswordHash(String newHash) {
    this.passwordHash = newHash;
  }

  void changeRoles(Set<StaffRole> newRoles) {
    this.roles.clear();
    this.roles.addAll(newRoles);
  }

  void deactivate() {
    this.active = false;
  }

  void reactivate() {
    this.active = true;
  }
}
