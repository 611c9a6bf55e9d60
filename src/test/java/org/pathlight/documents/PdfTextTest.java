package org.pathlight.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.text.Normalizer;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class PdfTextTest {

  private static String text(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return Normalizer.normalize(new PDFTextStripper().getText(doc), Normalizer.Form.NFKC);
    }
  }

  @Test
  void namesInVietnameseArabicAndChinesePrintAsWritten() throws IOException {
    byte[] pdf =
        new PdfText("Giving statement for Nguyễn Thị Minh Khai", "Safe Harbor · Trần Hưng Đạo")
            .heading("Dear Nguyễn Thị Minh Khai")
            .paragraph("Thank you, محمد عبد الله, for your gift.")
            .paragraph("王秀英 and 陳美玲 gave too; so did Zoë Œuvre — “quoted” €10.")
            .block(List.of("Nguy\u0065\u0302\u0303n Văn A", "123 Phố Huế, Hà Nội"))
            .row(
                List.of(new PdfText.Column(0, 200, false), new PdfText.Column(210, 80, true)),
                false,
                "Phạm Thị Hương",
                "$25.00")
            .bytes();
    String text = text(pdf);
    assertThat(text)
        .contains("Dear Nguyễn Thị Minh Khai")
        .contains("محمد عبد الله")
        .contains("王秀英", "陳美玲", "Zoë Œuvre", "“quoted” €10")
        .contains("Nguyễn Văn A", "123 Phố Huế, Hà Nội")
        .contains("Phạm Thị Hương")
        .contains("Trần Hưng Đạo")
        .doesNotContain("?");
  }

  @Test
  void aCharacterNoFontHasBecomesAQuestionMarkNotAFailure() throws IOException {
    // U+1D11E (a musical symbol) is in none of the embedded fonts
    String text = text(new PdfText("t", null).paragraph("Sing \uD834\uDD1E along").bytes());
    assertThat(text).contains("Sing ? along");
  }

  @Test
  void arabicLettersTakeTheirJoinedForms() {
    // meem (initial) + haa (medial) + meem (medial) + dal (final)
    assertThat(ArabicShaping.shape("محمد")).isEqualTo("\uFEE3\uFEA4\uFEE4\uFEAA");
    // lam-alef becomes the ligature; alef after it does not join forward
    assertThat(ArabicShaping.shape("لا")).isEqualTo("\uFEFB");
    assertThat(ArabicShaping.shape("سلام")).isEqualTo("\uFEB3\uFEFC\uFEE1");
    assertThat(ArabicShaping.shape("Latin stays")).isEqualTo("Latin stays");
  }

  @Test
  void rightToLeftRunsAreLaidOutInVisualOrder() {
    assertThat(PdfFonts.visual("abc")).isEqualTo("abc");
    assertThat(PdfFonts.visual("Dear دم!")).isEqualTo("Dear \uFEE1\uFEA9!");
  }
}
