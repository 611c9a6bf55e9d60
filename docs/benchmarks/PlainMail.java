// newsletter.sh's baseline: plain Jakarta Mail sends <count> pre-rendered messages (text and
// HTML, multipart/alternative, of a newsletter's size) to <host>:<port> over <connections> SMTP
// connections at once, each kept open and used for message after message (as Pathlight's outbox
// sends them), one thread each, after a warm-up of a tenth as many; prints msgs/s.
//   java -cp <jakarta mail on the class path> docs/benchmarks/PlainMail.java <host> <port> <count> [connections]
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;

public class PlainMail {
  static final String TEXT =
      "Dear friend,\n\n" + "This year you gave $50.00. Your gifts are at work.\n".repeat(12);
  static final String HTML =
      "<p>Dear friend,</p>"
          + "<p>This year you gave <strong>$50.00</strong>. Your gifts are at work.</p>".repeat(12);

  public static void main(String[] args) throws Exception {
    Properties p = new Properties();
    p.put("mail.smtp.host", args[0]);
    p.put("mail.smtp.port", args[1]);
    int count = Integer.parseInt(args[2]);
    int connections = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    Session session = Session.getInstance(p);
    int each = count / connections;
    int warm = Math.max(1, Math.min(2000, count / 10) / connections);
    CyclicBarrier warmed = new CyclicBarrier(connections + 1);
    CyclicBarrier done = new CyclicBarrier(connections + 1);
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      int first = c * each;
      Thread t = new Thread(() -> {
        try (Transport transport = session.getTransport("smtp")) {
          transport.connect();
          for (int i = 0; i < warm; i++) {
            send(session, transport, first + i);
          }
          warmed.await();
          for (int i = 0; i < each; i++) {
            send(session, transport, first + i);
          }
          done.await();
        } catch (Exception e) {
          e.printStackTrace();
          System.exit(1);
        }
      });
      t.start();
      threads.add(t);
    }
    warmed.await();
    long start = System.nanoTime();
    done.await();
    double seconds = (System.nanoTime() - start) / 1e9;
    int sent = each * connections;
    System.out.printf(
        "plain Jakarta Mail, %d connection(s): %d messages in %.1f s, %.0f msgs/s%n",
        connections, sent, seconds, sent / seconds);
  }

  static void send(Session session, Transport transport, int i) throws Exception {
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
    t.setText(TEXT, "UTF-8");
    MimeBodyPart h = new MimeBodyPart();
    h.setText(HTML, "UTF-8", "html");
    m.setContent(new MimeMultipart("alternative", t, h));
    m.saveChanges();
    transport.sendMessage(m, m.getAllRecipients());
  }
}
