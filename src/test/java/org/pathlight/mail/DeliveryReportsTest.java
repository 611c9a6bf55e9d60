package org.pathlight.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Reading RFC 3464 delivery reports and RFC 5965 abuse reports. */
class DeliveryReportsTest {

  private static List<DeliveryReports.Report> read(String raw) throws Exception {
    MimeMessage m =
        new MimeMessage(
            Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    return DeliveryReports.read(m);
  }

  static String dsn(String action, String status) {
    return "From: MAILER-DAEMON@mx.example.net\r\nSubject: Undelivered\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\r\n\r\n"
        + "--b1\r\nContent-Type: text/plain\r\n\r\nNot delivered.\r\n"
        + "--b1\r\nContent-Type: message/delivery-status\r\n\r\n"
        + "Reporting-MTA: dns; mx.example.net\r\n\r\n"
        + "Final-Recipient: rfc822; ann@example.org\r\nAction: "
        + action
        + "\r\nStatus: "
        + status
        + "\r\nDiagnostic-Code: smtp; 550 5.1.1 user\r\n unknown\r\n\r\n"
        + "--b1\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        + "Message-ID: <abc@pathlight.test>\r\nTo: ann@example.org\r\nSubject: x\r\n\r\n"
        + "--b1--\r\n";
  }

  @Test
  void aFailedFiveIsHardADelayOrAFourIsSoftWithTheOriginalsMessageId() throws Exception {
    DeliveryReports.Report hard = read(dsn("failed", "5.1.1")).get(0);
    assertThat(hard.address()).isEqualTo("ann@example.org");
    assertThat(hard.kind()).isEqualTo(Bounces.Kind.HARD);
    assertThat(hard.messageId()).isEqualTo("<abc@pathlight.test>");
    assertThat(hard.detail()).contains("5.1.1", "user unknown");
    assertThat(read(dsn("delayed", "4.2.2")).get(0).kind()).isEqualTo(Bounces.Kind.SOFT);
    assertThat(read(dsn("failed", "4.4.7")).get(0).kind()).isEqualTo(Bounces.Kind.SOFT);
    assertThat(read(dsn("delivered", "2.0.0"))).isEmpty();
  }

  @Test
  void anAbuseReportIsAComplaintFromTheOriginalsRecipient() throws Exception {
    String arf =
        "From: feedback@isp.example\r\nSubject: Abuse report\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=feedback-report; boundary=\"b2\"\r\n\r\n"
            + "--b2\r\nContent-Type: text/plain\r\n\r\nAn abuse report.\r\n"
            + "--b2\r\nContent-Type: message/feedback-report\r\n\r\n"
            + "Feedback-Type: abuse\r\nUser-Agent: isp/1.0\r\nVersion: 1\r\n\r\n"
            + "--b2\r\nContent-Type: message/rfc822\r\n\r\n"
            + "Message-ID: <def@pathlight.test>\r\nTo: Bea <bea@example.org>\r\nSubject: x\r\n\r\nbody\r\n"
            + "--b2--\r\n";
    List<DeliveryReports.Report> reports = read(arf);
    assertThat(reports).hasSize(1);
    assertThat(reports.get(0).address()).isEqualTo("bea@example.org");
    assertThat(reports.get(0).kind()).isEqualTo(Bounces.Kind.COMPLAINT);
    assertThat(reports.get(0).messageId()).isEqualTo("<def@pathlight.test>");
  }

  @Test
  void aPlainMessageIsNoReport() throws Exception {
    assertThat(read("From: a@example.net\r\nSubject: hi\r\n\r\nHello\r\n")).isEmpty();
  }
}
