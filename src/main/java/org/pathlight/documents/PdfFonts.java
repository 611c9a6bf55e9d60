package org.pathlight.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Bidi;
import java.text.Normalizer;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The Unicode fonts of Pathlight's PDFs: DejaVu Sans (Latin with Vietnamese, Greek, Cyrillic,
 * Arabic, Hebrew) and Droid Sans Fallback for Chinese, Japanese and Korean, each embedded as a
 * subset only when a document uses it. Also what PDFBox does not do itself: right-to-left text in
 * visual order, and Arabic letters in their joined forms.
 */
final class PdfFonts {

  /** Which embedded face a run of text is set in. */
  enum Face {
    REGULAR("/fonts/DejaVuSans.ttf"),
    BOLD("/fonts/DejaVuSans-Bold.ttf"),
    CJK("/fonts/DroidSansFallbackFull.ttf");

    private final String resource;
    private volatile byte[] bytes;
    private volatile Coverage coverage;

    Face(String resource) {
      this.resource = resource;
    }

    byte[] bytes() {
      byte[] b = bytes;
      if (b == null) {
        synchronized (this) {
          if (bytes == null) {
            try (InputStream in = PdfFonts.class.getResourceAsStream(resource)) {
              if (in == null) {
                throw new IllegalStateException("font " + resource + " is missing from the build");
              }
              bytes = in.readAllBytes();
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
          b = bytes;
        }
      }
      return b;
    }

    boolean covers(int codePoint) {
      Coverage c = coverage;
      if (c == null) {
        synchronized (this) {
          if (coverage == null) {
            coverage = Coverage.of(bytes());
          }
          c = coverage;
        }
      }
      return c.covers(codePoint);
    }

    PDType0Font load(PDDocument doc) {
      try {
        return PDType0Font.load(doc, new RandomAccessReadBuffer(bytes()), true, false);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The code points a font has glyphs for, read once from its cmap. */
  private record Coverage(java.util.BitSet codePoints) {
    static Coverage of(byte[] font) {
      try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(font))) {
        java.util.BitSet set = new java.util.BitSet(0x30000);
        var cmap = ttf.getUnicodeCmapLookup();
        for (int cp = 0x20; cp < 0x30000; cp++) {
          if (cmap.getGlyphId(cp) > 0) {
            set.set(cp);
          }
        }
        return new Coverage(set);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    boolean covers(int codePoint) {
      return codePoints.get(codePoint);
    }
  }

  /**
   * FontBox warns on every line set in a font with OpenType features it does not apply (the CJK
   * face's): nothing a reader loses, so not worth a log line each. Held here so it stays set.
   */
  private static final java.util.logging.Logger GSUB_LOG =
      java.util.logging.Logger.getLogger("org.apache.fontbox.ttf.GlyphSubstitutionTable");

  static {
    GSUB_LOG.setLevel(java.util.logging.Level.SEVERE);
  }

  private PdfFonts() {}

  /**
   * Text as it is drawn left to right: composed (NFC), Arabic letters joined, right-to-left runs
   * reversed into visual order. Left-to-right text comes back as it is.
   */
  static String visual(String logical) {
    String text = Normalizer.normalize(logical, Normalizer.Form.NFC);
    if (!Bidi.requiresBidi(text.toCharArray(), 0, text.length())) {
      return text;
    }
    text = ArabicShaping.shape(text);
    Bidi bidi = new Bidi(text, Bidi.DIRECTION_DEFAULT_LEFT_TO_RIGHT);
    if (bidi.isLeftToRight()) {
      return text;
    }
    int runs = bidi.getRunCount();
    byte[] levels = new byte[runs];
    String[] pieces = new String[runs];
    for (int i = 0; i < runs; i++) {
      levels[i] = (byte) bidi.getRunLevel(i);
      String run = text.substring(bidi.getRunStart(i), bidi.getRunLimit(i));
      pieces[i] = (levels[i] & 1) == 1 ? new StringBuilder(run).reverse().toString() : run;
    }
    Bidi.reorderVisually(levels, 0, pieces, 0, runs);
    return String.join("", pieces);
  }
}
