// newsletter.sh's baseline: plain Jakarta Mail sends <count> pre-rendered messages (text and
// HTML, multipart/alternative, of a newsletter's size) to <host>:<port>, one Transport.send each
// (a connection per message, as Pathlight's outbox sends them), on one thread; prints msgs/s.
//   java -cp <jakarta mail on the class path> docs/benchmarks/PlainMail.java <host> <port> <count>
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Properties;
import java.util.UUID;

public class PlainMail {
  public static void main(String[] args) throws Exception {
    Properties p = new Properties();
    p.put("mail.smtp.host", args[0]);
    p.put("mail.smtp.port", args[1]);
    int count = Integer.parseInt(args[2]);
    Session session = Session.getInstance(p);
    String text = "Dear friend,\n\n" + "This year you gave $50.00. Your gifts are at work.\n".repeat(12);
    String html = "<p>Dear friend,</p>" + "<p>This year you gave <strong>$50.00</strong>. Your gifts are at work.</p>".repeat(12);
    int warm = Math.min(2000, count / 10);
    long start = 0;
    for (int i = 0; i < warm + count; i++) {
      if (i == warm) {
        start = System.nanoTime();
      }
      final String id = "<" + UUID.randomUUID() + "@plain.bench>";
      MimeMessage m = new MimeMessage(session) {
        @Override
        protected void updateMessageID() throws jakarta.mail.MessagingException {
          setHeader("Message-ID", id);
        }
      };
      m.setFrom(new InternetAddress("hello@pathlight.bench", "Safe Harbor"));
      m.setRecipient(Message.RecipientType.TO, new InternetAddress("reader" + i + "@bench.test"));
      m.setSubject("What your support made possible", "UTF-8");
      m.setHeader("List-Unsubscribe", "<https://pathlight.bench/api/unsubscribe/x>");
      MimeBodyPart t = new MimeBodyPart();
      t.setText(text, "UTF-8");
      MimeBodyPart h = new MimeBodyPart();
      h.setText(html, "UTF-8", "html");
      m.setContent(new MimeMultipart("alternative", t, h));
      m.saveChanges();
      Transport.send(m);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("plain Jakarta Mail: %d messages in %.1f s, %.0f msgs/s%n", count, seconds, count / seconds);
  }
}
