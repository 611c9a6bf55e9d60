package org.pathlight.shifts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.pathlight.volunteers.Clearance;

/** A kind of volunteer work and what it asks of a volunteer. */
@Entity
@Table(name = "volunteer_role")
@NamedQuery(name = "Role.byCode", query = "select r from Role r where r.code = :code")
@NamedQuery(name = "Role.all", query = "select r from Role r order by r.name")
public class Role {

  @Id
  @SequenceGenerator(
      name = "volunteer_role_seq",
      sequenceName = "volunteer_role_seq",
      allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "volunteer_role_seq")
  private Long id;

  private String code;
  private String name;

  @Column(name = "survivor_facing")
  private boolean survivorFacing;

  @Column(name = "requires_background")
  private boolean requiresBackground;

  @Column(name = "min_age")
  private int minAge;

  /** Training codes, comma-separated. */
  private String trainings;

  protected Role() {}

  Role(
      String code,
      String name,
      boolean survivorFacing,
      boolean requiresBackground,
      int minAge,
      Set<String> trainings) {
    this.code = code;
    this.name = name;
    this.survivorFacing = survivorFacing;
    this.requiresBackground = requiresBackground;
    this.minAge = minAge;
    this.trainings = String.join(",", new TreeSet<>(trainings));
  }

  /**
   * Staff change the name and what the role requires (survivor-facing work always needs a check).
   */
  void change(
      String newName,
      boolean isSurvivorFacing,
      boolean needsBackground,
      int age,
      Set<String> trainingCodes) {
    this.name = newName;
    this.survivorFacing = isSurvivorFacing;
    this.requiresBackground = isSurvivorFacing || needsBackground;
    this.minAge = age;
    this.trainings = String.join(",", new TreeSet<>(trainingCodes));
  }

  public String code() {
    return code;
  }

  public String name() {
    return name;
  }

  public boolean survivorFacing() {
    return survivorFacing;
  }

  public Clearance.Requirements requirements() {
    Set<String> codes = new TreeSet<>();
    if (trainings != null && !trainings.isBlank()) {
      codes.addAll(Arrays.asList(trainings.split(",")));
    }
    return new Clearance.Requirements(requiresBackground, codes, minAge);
  }
}
