package org.pathlight.impact;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A kind of service the organisation delivers, in one program, counted in one unit ("night of safe
 * housing"), drawing on restricted funds in order. Its code never changes; staff rename it.
 */
@Entity
@Table(name = "service_type")
@NamedQuery(
    name = "ServiceType.all",
    query = "select s from ServiceType s order by s.position, s.code")
public class ServiceType {

  @Id private String code;

  @Convert(converter = Program.Column.class)
  private Program program;

  private String name;
  private String unit;

  @Column(name = "unit_plural")
  private String unitPlural;

  private int position;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "service_type_fund", joinColumns = @JoinColumn(name = "service_type"))
  @OrderColumn(name = "position")
  @Column(name = "fund_code")
  private List<String> funds = new ArrayList<>();

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "updated_at")
  private Instant updatedAt;

  @Version private long version;

  protected ServiceType() {}

  /** What staff say a service type is. */
  record Terms(Program program, String name, String unit, String unitPlural, List<String> funds) {
    Terms {
      funds = List.copyOf(funds);
    }
  }

  ServiceType(String code, int position, Terms terms, Instant now) {
    this.code = code;
    this.position = position;
    this.createdAt = now;
    apply(terms, now);
  }

  /** Renames it, moves it to another program or changes the funds it draws on. */
  void apply(Terms terms, Instant now) {
    this.program = terms.program();
    this.name = terms.name();
    this.unit = terms.unit();
    this.unitPlural = terms.unitPlural();
    this.funds = new ArrayList<>(terms.funds());
    this.updatedAt = now;
  }

  public String code() {
    return code;
  }

  public Program program() {
    return program;
  }

  public String name() {
    return name;
  }

  public String unit() {
    return unit;
  }

  public String unitPlural() {
    return unitPlural;
  }

  int position() {
    return position;
  }

  List<String> funds() {
    return List.copyOf(funds);
  }
}
