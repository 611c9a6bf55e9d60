package org.pathlight.documents;

/**
 * Arabic letters in the forms they take beside their neighbours (isolated, final, initial, medial),
 * and lam-alef as its ligature, as Unicode presentation forms: what a shaping engine does for the
 * basic Arabic alphabet, so a PDF font without shaping shows joined, readable names. Text
 * extraction maps the forms back to the letters (NFKC).
 */
final class ArabicShaping {

  private static final int FIRST = 0x0621;
  private static final int LAST = 0x064A;

  /** Per letter from U+0621: how many forms it has (1 none, 2 right-joining, 4 dual), 0 = none. */
  private static final int[] FORMS = new int[LAST - FIRST + 1];

  /** Per letter: its isolated form; final, initial and medial follow it. */
  private static final int[] ISOLATED = new int[LAST - FIRST + 1];

  private static final int TATWEEL = 0x0640;

  static {
    String right = "\u0622\u0623\u0624\u0625\u0627\u0629\u062F\u0630\u0631\u0632\u0648\u0649";
    int next = 0xFE80;
    for (int c = FIRST; c <= LAST; c++) {
      if (c >= 0x063B && c <= 0x0640) {
        continue; // no presentation forms (tatweel joins but keeps its shape)
      }
      int forms = c == 0x0621 ? 1 : right.indexOf(c) >= 0 ? 2 : 4;
      FORMS[c - FIRST] = forms;
      ISOLATED[c - FIRST] = next;
      next += forms;
    }
  }

  private ArabicShaping() {}

  static String shape(String text) {
    int[] cps = text.codePoints().toArray();
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < cps.length; i++) {
      int c = cps[i];
      int forms = forms(c);
      if (forms == 0) {
        out.appendCodePoint(c);
        continue;
      }
      boolean joinsPrevious = joinsToNext(previousLetter(cps, i));
      int next = nextLetter(cps, i);
      if (c == 0x0644 && lamAlef(next) != 0) {
        out.appendCodePoint(lamAlef(next) + (joinsPrevious ? 1 : 0));
        i = indexOfNextLetter(cps, i);
        continue;
      }
      boolean joinsNext = forms == 4 && joinsToPrevious(next);
      int base = ISOLATED[c - FIRST];
      int form;
      if (forms == 1) {
        form = 0;
      } else if (joinsPrevious && joinsNext) {
        form = 3;
      } else if (joinsPrevious) {
        form = 1;
      } else if (joinsNext) {
        form = 2;
      } else {
        form = 0;
      }
      out.appendCodePoint(base + form);
    }
    return out.toString();
  }

  private static int forms(int c) {
    return c >= FIRST && c <= LAST ? FORMS[c - FIRST] : 0;
  }

  /** Marks (harakat) sit on a letter and do not break the joining. */
  private static boolean transparent(int c) {
    return (c >= 0x064B && c <= 0x065F) || c == 0x0670;
  }

  private static boolean joinsToNext(int c) {
    return c == TATWEEL || forms(c) == 4;
  }

  private static boolean joinsToPrevious(int c) {
    return c == TATWEEL || forms(c) >= 2;
  }

  private static int previousLetter(int[] cps, int i) {
    for (int j = i - 1; j >= 0; j--) {
      if (!transparent(cps[j])) {
        return cps[j];
      }
    }
    return -1;
  }

  private static int indexOfNextLetter(int[] cps, int i) {
    for (int j = i + 1; j < cps.length; j++) {
      if (!transparent(cps[j])) {
        return j;
      }
    }
    return cps.length;
  }

  private static int nextLetter(int[] cps, int i) {
    int j = indexOfNextLetter(cps, i);
    return j < cps.length ? cps[j] : -1;
  }

  /** The isolated lam-alef ligature for lam followed by this alef, or 0. */
  private static int lamAlef(int alef) {
    return switch (alef) {
      case 0x0622 -> 0xFEF5;
      case 0x0623 -> 0xFEF7;
      case 0x0625 -> 0xFEF9;
      case 0x0627 -> 0xFEFB;
      default -> 0;
    };
  }
}
