package org.pathlight.supporters;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * The one person record: donor, volunteer and advocate alike. Other components hold its id. Created
 * or matched by its email key, whatever the case or Unicode form ({@link Supporters#findOrCreate}).
 */
@Entity
@Table(name = "supporter")
@NamedQuery(
    name = "Supporter.byEmail",
    query = "select s from Supporter s where s.emailKey = :emailKey")
@NamedQuery(
    name = "Supporter.search",
    query =
        "select s from Supporter s where s.mergedInto is null and s.erasedAt is null"
            + " and (lower(s.email) like :q"
            + " or lower(s.lastName) like :q or lower(s.firstName) like :q)"
            + " order by s.lastName, s.firstName, s.id")
public class Supporter {

  /**
   * What a phone number may hold: digits, spaces, dashes, dots, brackets and a plus, 32 at most.
   */
  public static final String PHONE = "[0-9+() .-]{0,32}";

  @Id private Long id;

  @Column(nullable = false)
  private String email;

  /** {@link org.pathlight.common.Emails#normalize} of the email: what lookups compare. */
  @Column(name = "email_key", nullable = false, insertable = false, updatable = false)
  private String emailKey;

  @Column(name = "first_name")
  private String firstName;

  @Column(name = "last_name")
  private String lastName;

  private String phone;

  @Column(name = "address_line1")
  private String addressLine1;

  @Column(name = "address_line2")
  private String addressLine2;

  private String city;
  private String region;

  @Column(name = "postal_code")
  private String postalCode;

  private String country;

  @Column(name = "sms_opt_in", nullable = false)
  private boolean smsOptIn;

  @Column(name = "discreet_sender", nullable = false)
  private boolean discreetSender;

  @Column(name = "no_postal_mail", nullable = false)
  private boolean noPostalMail;

  @Column(name = "do_not_feature", nullable = false)
  private boolean doNotFeature;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  /** The record this one was merged into (a tombstone), or null. */
  @Column(name = "merged_into")
  private Long mergedInto;

  @Column(name = "merged_at")
  private Instant mergedAt;

  /** When the person was erased (a privacy request), or null. */
  @Column(name = "erased_at", insertable = false, updatable = false)
  private Instant erasedAt;

  @Version private long version;

  protected Supporter() {}

  /** The record kept when this one was merged into it, or null when it stands on its own. */
  public Long mergedInto() {
    return mergedInto;
  }

  /**
   * Takes in what a second record of the same person knows: blanks are filled from it (names,
   * phone, address), and each safe-contact flag either record set stays set (the safer reading).
   * Topic consent is merged by {@link Consents#absorb}.
   */
  void absorb(Supporter other, Instant now) {
    completeWith(other.firstName, other.lastName, other.phone, now);
    if (addressLine1 == null && other.addressLine1 != null) {
      addressLine1 = other.addressLine1;
      addressLine2 = other.addressLine2;
      city = other.city;
      region = other.region;
      postalCode = other.postalCode;
      country = other.country;
    }
    smsOptIn = smsOptIn || other.smsOptIn;
    discreetSender = discreetSender || other.discreetSender;
    noPostalMail = noPostalMail || other.noPostalMail;
    doNotFeature = doNotFeature || other.doNotFeature;
    updatedAt = now;
  }

  /** This record is merged into {@code kept}: from now on it only points there. */
  void mergeInto(long kept, Instant now) {
    mergedInto = kept;
    mergedAt = now;
    updatedAt = now;
  }

  /** When the person was erased at their request (nothing here names them now), or null. */
  public Instant erasedAt() {
    return erasedAt;
  }

  public Long id() {
    return id;
  }

  public String email() {
    return email;
  }

  public String firstName() {
    return firstName;
  }

  public String lastName() {
    return lastName;
  }

  public String phone() {
    return phone;
  }

  public PostalAddress address() {
    return addressLine1 == null
        ? null
        : new PostalAddress(addressLine1, addressLine2, city, region, postalCode, country);
  }

  public Consent consent() {
    return new Consent(smsOptIn);
  }

  /** First and last name as known (either may be missing), or "". */
  public String fullName() {
    String first = firstName == null ? "" : firstName;
    String last = lastName == null ? "" : lastName;
    return (first + " " + last).trim();
  }

  /**
   * Where mail to this person goes, honouring their safe-contact flag (a neutral sender name), so
   * no caller can forget it.
   */
  public org.pathlight.common.Recipient recipient() {
    return new org.pathlight.common.Recipient(email, fullName(), safeContact().discreetSender());
  }

  public SafeContact safeContact() {
    return new SafeContact(discreetSender, noPostalMail, doNotFeature);
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** Fills names and phone the record lacks; never overwrites what the person gave before. */
  void completeWith(String first, String last, String phoneNumber, Instant now) {
    boolean changed = false;
    if (isBlank(firstName) && !isBlank(first)) {
      firstName = first.trim();
      changed = true;
    }
    if (isBlank(lastName) && !isBlank(last)) {
      lastName = last.trim();
      changed = true;
    }
    if (isBlank(phone) && !isBlank(phoneNumber)) {
      phone = phoneNumber.trim();
      changed = true;
    }
    if (changed) {
      updatedAt = now;
    }
  }

  void update(SupporterChange change, String actor, Instant now) {
    if (change.firstName() != null) {
      firstName = change.firstName().trim();
    }
    if (change.lastName() != null) {
      lastName = change.lastName().trim();
    }
    if (change.phone() != null) {
      phone = change.phone().isBlank() ? null : change.phone().trim();
    }
    if (change.address() != null) {
      PostalAddress a = change.address();
      addressLine1 = a.line1();
      addressLine2 = a.line2();
      city = a.city();
      region = a.region();
      postalCode = a.postalCode();
      country = a.country();
    }
    if (change.consent() != null) {
      smsOptIn = change.consent().sms();
    }
    if (change.safeContact() != null) {
      discreetSender = change.safeContact().discreetSender();
      noPostalMail = change.safeContact().noPostalMail();
      doNotFeature = change.safeContact().doNotFeature();
    }
    updatedAt = now;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  /** Optional postal address. */
  public record PostalAddress(
      String line1, String line2, String city, String region, String postalCode, String country) {}

  /** Text messages the person agreed to; email consent is by topic ({@link Consents}). */
  public record Consent(boolean sms) {}

  /**
   * Safe-contact flags every outgoing channel honours: a discreet sender name and subject, no
   * postal mail, never featured in stories or lists.
   */
  public record SafeContact(boolean discreetSender, boolean noPostalMail, boolean doNotFeature) {}

  /** A staff edit: null members are left as they are. */
  public record SupporterChange(
      String firstName,
      String lastName,
      String phone,
      PostalAddress address,
      Consent consent,
      SafeContact safeContact) {}
}
