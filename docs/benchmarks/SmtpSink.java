// A local SMTP sink for newsletter.sh: accepts every message, keeps nothing but its Message-ID,
// and writes "messages distinct duplicates" to <statusFile> every 200 ms.
//   java docs/benchmarks/SmtpSink.java <port> <statusFile>
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

public class SmtpSink {
  static final AtomicLong messages = new AtomicLong();
  static final AtomicLong duplicates = new AtomicLong();
  static final Set<String> ids = ConcurrentHashMap.newKeySet();

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    Path status = Path.of(args[1]);
    Thread writer = new Thread(() -> {
      while (true) {
        try {
          Path tmp = Path.of(status + ".tmp");
          Files.writeString(tmp, messages.get() + " " + ids.size() + " " + duplicates.get() + "\n");
          Files.move(tmp, status, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          Thread.sleep(200);
        } catch (Exception e) {
          return;
        }
      }
    });
    writer.setDaemon(true);
    writer.start();
    try (ServerSocket server = new ServerSocket(port, 200)) {
      while (true) {
        Socket s = server.accept();
        Thread t = new Thread(() -> serve(s));
        t.setDaemon(true);
        t.start();
      }
    }
  }

  static void serve(Socket s) {
    try (s;
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1), 1 << 16);
        OutputStream out = s.getOutputStream()) {
      reply(out, "220 sink ESMTP");
      String line;
      while ((line = in.readLine()) != null) {
        String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
        switch (cmd) {
          case "EHLO" -> reply(out, "250-sink\r\n250-8BITMIME\r\n250 SIZE 52428800");
          case "HELO" -> reply(out, "250 sink");
          case "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
          case "DATA" -> {
            reply(out, "354 go on");
            String id = null;
            String l;
            while ((l = in.readLine()) != null && !l.equals(".")) {
              if (id == null && l.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                id = l.substring(11).strip();
              }
            }
            messages.incrementAndGet();
            if (id != null && !ids.add(id)) {
              duplicates.incrementAndGet();
            }
            reply(out, "250 queued");
          }
          case "QUIT" -> {
            reply(out, "221 bye");
            return;
          }
          default -> reply(out, "250 OK");
        }
      }
    } catch (Exception e) {
      // the client went away
    }
  }

  static void reply(OutputStream out, String text) throws Exception {
    out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }
}
