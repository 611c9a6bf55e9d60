package org.pathlight.common;

import jakarta.persistence.AttributeConverter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Closed sets (statuses, channels, kinds) are enums in Java and lower-case words in the database
 * and the API ({@code partially_refunded}, {@code handed-off}): one spelling each, one place that
 * turns a word into its constant.
 */
public final class Words {

  private Words() {}

  /** The usual word: the constant's name in lower case ({@code DISPUTE_LOST} → dispute_lost). */
  public static String of(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The word with dashes: the name in lower case, {@code _} as {@code -} (CONTACT_FORM →
   * contact-form).
   */
  public static String dashed(Enum<?> constant) {
    return of(constant).replace('_', '-');
  }

  /** The constant a word names, if any. */
  public static <E extends Enum<E>> Optional<E> parse(
      Class<E> type, Function<E, String> word, String value) {
    return Arrays.stream(type.getEnumConstants())
        .filter(e -> word.apply(e).equals(value))
        .findAny();
  }

  /** Every word of the set, for a query parameter's allowed values. */
  public static <E extends Enum<E>> Set<String> all(Class<E> type, Function<E, String> word) {
    return Arrays.stream(type.getEnumConstants()).map(word).collect(Collectors.toUnmodifiableSet());
  }

  /**
   * A JPA converter storing each constant as its word. A word the enum does not know is a broken
   * row, not a value to guess at, and fails loudly. (EclipseLink finds a converter's types only on
   * an interface the converter class itself declares, so each subclass repeats {@code implements
   * AttributeConverter<E, String>}.)
   */
  public abstract static class Column<E extends Enum<E>> implements AttributeConverter<E, String> {
    private final Map<String, E> byWord = new LinkedHashMap<>();
    private final Function<E, String> word;
    private final Class<E> type;

    protected Column(Class<E> type) {
      this(type, Words::of);
    }

    protected Column(Class<E> type, Function<E, String> word) {
      this.type = type;
      this.word = word;
      for (E e : type.getEnumConstants()) {
        byWord.put(word.apply(e), e);
      }
    }

    @Override
    public String convertToDatabaseColumn(E constant) {
      return constant == null ? null : word.apply(constant);
    }

    @Override
    public E convertToEntityAttribute(String value) {
      if (value == null) {
        return null;
      }
      E constant = byWord.get(value);
      if (constant == null) {
        throw new IllegalStateException(
            "the database holds " + type.getSimpleName() + " '" + value + "', unknown here");
      }
      return constant;
    }
  }
}
