package org.pathlight.donations;

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
import jakarta.persistence.OrderColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** Where a gift goes: staff-managed, restricted (to one program) or not. */
@Entity
@Table(name = "fund")
@NamedQuery(
    name = "Fund.active",
    query = "select f from Fund f where f.active = true order by f.position, f.name")
@NamedQuery(name = "Fund.all", query = "select f from Fund f order by f.position, f.name")
@NamedQuery(name = "Fund.byCode", query = "select f from Fund f where f.code = :code")
public class Fund {

  @Id
  @SequenceGenerator(name = "fund_seq", sequenceName = "fund_seq", allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "fund_seq")
  private Long id;

  private String code;
  private String name;
  private String description;
  private boolean restricted;
  private boolean active = true;
  private int position;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "fund_ask", joinColumns = @JoinColumn(name = "fund_id"))
  @OrderColumn(name = "position")
  private List<Ask> asks = new ArrayList<>();

  /**
   * A suggested amount with what it pays for. It may be bound to a service type and a number of its
   * units ("one night of safe housing"); then staff see how far it is from what those units really
   * cost, and it may follow that cost, rounded to {@code roundTo} minor units.
   */
  @Embeddable
  public static class Ask {
    private long amount;
    private String currency;
    private String label;

    @Column(name = "service_type")
    private String serviceType;

    private Integer units;

    @Column(name = "follows_cost")
    private boolean followsCost;

    @Column(name = "round_to")
    private long roundTo = 100;

    protected Ask() {}

    public Ask(long amount, String currency, String label) {
      this(amount, currency, label, null, null, false, 100);
    }

    public Ask(
        long amount,
        String currency,
        String label,
        String serviceType,
        Integer units,
        boolean followsCost,
        long roundTo) {
      this.amount = amount;
      this.currency = currency;
      this.label = label;
      this.serviceType = serviceType;
      this.units = serviceType == null ? null : units;
      this.followsCost = serviceType != null && followsCost;
      this.roundTo = roundTo;
    }

    /** The service type it pays for, or null. */
    public String serviceType() {
      return serviceType;
    }

    /** How many units of {@link #serviceType()} it pays for, or null. */
    public Integer units() {
      return units;
    }

    public boolean followsCost() {
      return followsCost;
    }

    public long roundTo() {
      return roundTo;
    }

    public long amount() {
      return amount;
    }

    public String currency() {
      return currency;
    }

    public String label() {
      return label;
    }
  }

  protected Fund() {}

  Fund(String code, String name, String description, boolean restricted, int position) {
    this.code = code;
    this.name = name;
    this.description = description;
    this.restricted = restricted;
    this.position = position;
  }

  void update(String name, String description, boolean restricted, boolean active, List<Ask> asks) {
    this.name = name;
    this.description = description;
    this.restricted = restricted;
    this.active = active;
    this.asks = new ArrayList<>(asks);
  }

  public String code() {
    return code;
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public boolean restricted() {
    return restricted;
  }

  public boolean active() {
    return active;
  }

  public List<Ask> asks() {
    return List.copyOf(asks);
  }

  Long id() {
    return id;
  }
}
