package org.pathlight.volunteers;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A person who applied to volunteer, and their screening. */
@Entity
@Table(name = "volunteer")
@NamedQuery(
    name = "Volunteer.bySupporter",
    query = "select v from Volunteer v where v.supporterId = :supporterId")
@NamedQuery(
    name = "Volunteer.byStatus",
    query = "select v from Volunteer v where v.status = :status order by v.createdAt")
public class Volunteer {

  @Id
  @SequenceGenerator(name = "volunteer_seq", sequenceName = "volunteer_seq", allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "volunteer_seq")
  private Long id;

  @Column(name = "supporter_id")
  private long supporterId;

  @Column(name = "birth_date")
  private LocalDate birthDate;

  private String skills;
  private String availability;

  @jakarta.persistence.Convert(converter = VolunteerStatus.Column.class)
  private VolunteerStatus status;

  @Column(name = "decision_reason")
  private String decisionReason;

  @Column(name = "decided_by")
  private String decidedBy;

  @Column(name = "decided_at")
  private Instant decidedAt;

  @Column(name = "background_status")
  @jakarta.persistence.Convert(converter = BackgroundCheck.Column.class)
  private BackgroundCheck backgroundStatus = BackgroundCheck.NONE;

  @Column(name = "background_completed_on")
  private LocalDate backgroundCompletedOn;

  @Column(name = "background_expires_on")
  private LocalDate backgroundExpiresOn;

  @Column(name = "agreement_signed_on")
  private LocalDate agreementSignedOn;

  @Column(name = "created_at")
  private Instant createdAt;

  /** Sign-in links carry the epoch they were issued in; raising it ends every earlier link. */
  @Column(name = "signin_epoch", nullable = false)
  private int signinEpoch;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "volunteer_training", joinColumns = @JoinColumn(name = "volunteer_id"))
  private List<Training> trainings = new ArrayList<>();

  @Version private long version;

  /** A completed training. */
  @Embeddable
  public static class Training {
    private String code;

    @Column(name = "completed_on")
    private LocalDate completedOn;

    @Column(name = "expires_on")
    private LocalDate expiresOn;

    protected Training() {}

    public Training(String code, LocalDate completedOn, LocalDate expiresOn) {
      this.code = code;
      this.completedOn = completedOn;
      this.expiresOn = expiresOn;
    }

    public String code() {
      return code;
    }

    public LocalDate completedOn() {
      return completedOn;
    }

    public LocalDate expiresOn() {
      return expiresOn;
    }
  }

  protected Volunteer() {}

  Volunteer(
      long supporterId,
      LocalDate birthDate,
      String skills,
      String availability,
      LocalDate agreementSignedOn,
      Instant now) {
    this.supporterId = supporterId;
    this.birthDate = birthDate;
    this.skills = skills;
    this.availability = availability;
    this.agreementSignedOn = agreementSignedOn;
    this.status = VolunteerStatus.APPLIED;
    this.createdAt = now;
  }

  void screen(
      BackgroundCheck background,
      LocalDate completedOn,
      LocalDate expiresOn,
      List<Training> newTrainings,
      LocalDate agreement) {
    this.backgroundStatus = background;
    this.backgroundCompletedOn = completedOn;
    this.backgroundExpiresOn = expiresOn;
    this.trainings = new ArrayList<>(newTrainings);
    if (agreement != null) {
      this.agreementSignedOn = agreement;
    }
  }

  void decide(boolean approve, String reason, String actor, Instant now) {
    if (!approve) {
      signOutEverywhere();
    }
    this.status = approve ? VolunteerStatus.APPROVED : VolunteerStatus.REJECTED;
    this.decisionReason = reason;
    this.decidedBy = actor;
    this.decidedAt = now;
  }

  public Clearance.Screening screening() {
    Map<String, LocalDate> byCode = new LinkedHashMap<>();
    trainings.forEach(t -> byCode.put(t.code(), t.expiresOn()));
    return new Clearance.Screening(
        status, birthDate, backgroundStatus, backgroundExpiresOn, agreementSignedOn, byCode);
  }

  /** Ends every sign-in link issued so far. */
  void signOutEverywhere() {
    signinEpoch++;
  }

  int signinEpoch() {
    return signinEpoch;
  }

  /** Whether a link issued in {@code epoch} still signs this volunteer in. */
  boolean acceptsSignIn(int epoch) {
    return epoch == signinEpoch && status != VolunteerStatus.REJECTED;
  }

  public Long id() {
    return id;
  }

  public long supporterId() {
    return supporterId;
  }

  public LocalDate birthDate() {
    return birthDate;
  }

  public String skills() {
    return skills;
  }

  public String availability() {
    return availability;
  }

  public VolunteerStatus status() {
    return status;
  }

  public String decisionReason() {
    return decisionReason;
  }

  public BackgroundCheck backgroundStatus() {
    return backgroundStatus;
  }

  public LocalDate backgroundCompletedOn() {
    return backgroundCompletedOn;
  }

  public LocalDate backgroundExpiresOn() {
    return backgroundExpiresOn;
  }

  public LocalDate agreementSignedOn() {
    return agreementSignedOn;
  }

  public List<Training> trainings() {
    return List.copyOf(trainings);
  }

  public Instant createdAt() {
    return createdAt;
  }
}
