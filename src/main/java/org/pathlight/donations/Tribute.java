package org.pathlight.donations;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;
import java.util.Objects;
import org.pathlight.common.Words;

/**
 * A gift or plan made in honor or in memory of someone: the kind and the name travel together, on
 * the gift, its receipt and its plan's instalments. No tribute is {@code null}, never half of one.
 */
@Embeddable
public class Tribute {

  /** {@code honor} or {@code memory}, as the API and the database spell them. */
  public enum Kind {
    HONOR,
    MEMORY;

    public String word() {
      return Words.of(this);
    }

    @jakarta.persistence.Converter
    public static class Column extends Words.Column<Kind>
        implements jakarta.persistence.AttributeConverter<Kind, String> {
      public Column() {
        super(Kind.class);
      }
    }
  }

  @Column(name = "tribute_kind")
  @Convert(converter = Kind.Column.class)
  private Kind kind;

  @Column(name = "tribute_name")
  private String name;

  protected Tribute() {}

  private Tribute(Kind kind, String name) {
    this.kind = Objects.requireNonNull(kind);
    this.name = Objects.requireNonNull(name);
  }

  /** A tribute from the API's words, or none when no kind is given. */
  static Tribute of(String kind, String name) {
    if (kind == null) {
      return null;
    }
    return new Tribute(
        Words.parse(Kind.class, Kind::word, kind)
            .orElseThrow(() -> new IllegalArgumentException("tribute kind " + kind)),
        name);
  }

  public Kind kind() {
    return kind;
  }

  public String name() {
    return name;
  }

  /** As a receipt says it: "in memory of Grace Hopper". */
  String phrase() {
    return (kind == Kind.MEMORY ? "in memory of " : "in honor of ") + name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tribute t && t.kind == kind && Objects.equals(t.name, name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, name);
  }
}
