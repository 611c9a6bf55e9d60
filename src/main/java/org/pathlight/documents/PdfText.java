package org.pathlight.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A plain US-Letter text document (statements, letters): headings, wrapped paragraphs, table rows,
 * page breaks when a page fills up, and a footer on every page. Text is set in embedded Unicode
 * fonts ({@link PdfFonts}: names in Vietnamese, Arabic or Chinese print as written); a character
 * none of them can show becomes "?" instead of failing the document.
 */
public final class PdfText {

  private static final float MARGIN = 54;
  private static final float WIDTH = PDRectangle.LETTER.getWidth() - 2 * MARGIN;

  private final PDDocument doc = new PDDocument();
  private final PdfFonts.Face regular = PdfFonts.Face.REGULAR;
  private final PdfFonts.Face bold = PdfFonts.Face.BOLD;
  private final java.util.Map<PdfFonts.Face, PDType0Font> loaded =
      new java.util.EnumMap<>(PdfFonts.Face.class);
  private final String footer;
  private PDPageContentStream out;
  private float y;
  private int pages;

  /** A column of a table row: where it starts (points from the left margin) and its alignment. */
  public record Column(float x, float width, boolean right) {}

  public PdfText(String title, String footer) {
    this.footer = footer;
    PDDocumentInformation info = new PDDocumentInformation();
    info.setTitle(safe(title));
    doc.setDocumentInformation(info);
    newPage();
  }

  /** Starts a new page (the first one is started by the constructor). */
  public PdfText newPage() {
    try {
      closePage();
      PDPage page = new PDPage(PDRectangle.LETTER);
      doc.addPage(page);
      pages++;
      out = new PDPageContentStream(doc, page);
      y = PDRectangle.LETTER.getHeight() - MARGIN;
      if (footer != null) {
        show(regular, 8, MARGIN, MARGIN / 2, safe(footer) + "  ·  page " + pages);
      }
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public PdfText heading(String text) {
    return lines(bold, 15, text, 6);
  }

  public PdfText subheading(String text) {
    return lines(bold, 11, text, 3);
  }

  /** A paragraph wrapped to the page width, with a little space after it. */
  public PdfText paragraph(String text) {
    return lines(regular, 10, text, 6);
  }

  /** Lines as they are (an address block), each wrapped if too long. */
  public PdfText block(List<String> lines) {
    for (String line : lines) {
      lines(regular, 10, line, 0);
    }
    return space(8);
  }

  public PdfText space(float points) {
    y -= points;
    return this;
  }

  /** One table row; cells too wide for their column are cut with "…". */
  public PdfText row(List<Column> columns, boolean strong, String... cells) {
    PdfFonts.Face font = strong ? bold : regular;
    float size = 9;
    room(size * 1.5f);
    for (int i = 0; i < columns.size() && i < cells.length; i++) {
      Column c = columns.get(i);
      String text = fit(font, size, safe(cells[i] == null ? "" : cells[i]), c.width());
      float x = MARGIN + c.x() + (c.right() ? c.width() - width(font, size, text) : 0);
      show(font, size, x, y - size, text);
    }
    y -= size * 1.5f;
    return this;
  }

  /** A thin line across the page. */
  public PdfText rule() {
    try {
      room(6);
      out.setLineWidth(0.5f);
      out.moveTo(MARGIN, y - 2);
      out.lineTo(MARGIN + WIDTH, y - 2);
      out.stroke();
      y -= 6;
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int pages() {
    return pages;
  }

  public byte[] bytes() {
    try (doc) {
      closePage();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      doc.save(bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private PdfText lines(PdfFonts.Face font, float size, String text, float after) {
    for (String paragraphLine : safe(text).split("\n", -1)) {
      for (String line : wrap(font, size, paragraphLine)) {
        room(size * 1.4f);
        show(font, size, MARGIN, y - size, line);
        y -= size * 1.4f;
      }
    }
    y -= after;
    return this;
  }

  private void room(float needed) {
    if (y - needed < MARGIN) {
      newPage();
    }
  }

  private List<String> wrap(PdfFonts.Face font, float size, String text) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      String candidate = line.length() == 0 ? word : line + " " + word;
      if (line.length() > 0 && width(font, size, candidate) > WIDTH) {
        lines.add(line.toString());
        line = new StringBuilder(word);
      } else {
        line = new StringBuilder(candidate);
      }
      while (width(font, size, line.toString()) > WIDTH && line.length() > 1) {
        // a single word wider than the page: break it
        int cut = line.length() - 1;
        while (cut > 1 && width(font, size, line.substring(0, cut)) > WIDTH) {
          cut--;
        }
        lines.add(line.substring(0, cut));
        line = new StringBuilder(line.substring(cut));
      }
    }
    lines.add(line.toString());
    return lines;
  }

  private String fit(PdfFonts.Face font, float size, String text, float max) {
    if (width(font, size, text) <= max) {
      return text;
    }
    String cut = text;
    while (cut.length() > 1 && width(font, size, cut + "...") > max) {
      cut = cut.substring(0, cut.length() - 1);
    }
    return cut + "...";
  }

  private float width(PdfFonts.Face font, float size, String text) {
    try {
      float width = 0;
      for (Run run : runs(font, PdfFonts.visual(text))) {
        width += font(run.face()).getStringWidth(run.text()) / 1000 * size;
      }
      return width;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void show(PdfFonts.Face font, float size, float x, float baseline, String text) {
    try {
      out.beginText();
      out.newLineAtOffset(x, baseline);
      for (Run run : runs(font, PdfFonts.visual(text))) {
        out.setFont(font(run.face()), size);
        out.showText(run.text());
      }
      out.endText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A stretch of text set in one face. */
  private record Run(PdfFonts.Face face, String text) {}

  /**
   * The text cut into runs by the face that has its glyphs: the style's own, else the CJK face; a
   * character neither has becomes "?".
   */
  private static List<Run> runs(PdfFonts.Face style, String text) {
    List<Run> runs = new ArrayList<>();
    PdfFonts.Face current = null;
    StringBuilder run = new StringBuilder();
    for (int cp : text.codePoints().toArray()) {
      PdfFonts.Face face = style;
      int shown = cp;
      if (!style.covers(cp)) {
        if (PdfFonts.Face.CJK.covers(cp)) {
          face = PdfFonts.Face.CJK;
        } else {
          shown = '?';
        }
      }
      if (face != current && run.length() > 0) {
        runs.add(new Run(current, run.toString()));
        run.setLength(0);
      }
      current = face;
      run.appendCodePoint(shown);
    }
    if (run.length() > 0) {
      runs.add(new Run(current, run.toString()));
    }
    return runs;
  }

  private PDType0Font font(PdfFonts.Face face) {
    return loaded.computeIfAbsent(face, f -> f.load(doc));
  }

  private void closePage() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      out = null;
    }
  }

  /** Printable text: control characters dropped, tabs and other white space as spaces. */
  static String safe(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder s = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            cp -> {
              if (cp == '\n') {
                s.append('\n');
              } else if (cp == '\t' || Character.isWhitespace(cp)) {
                s.append(' ');
              } else if (cp < 0x20 || Character.isISOControl(cp)) {
                // dropped
              } else {
                s.appendCodePoint(cp);
              }
            });
    return s.toString();
  }
}
