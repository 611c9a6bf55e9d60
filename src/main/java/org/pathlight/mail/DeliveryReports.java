package org.pathlight.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a report in the bounce mailbox says: an RFC 3464 delivery status notification ({@code
 * multipart/report; report-type=delivery-status}: each recipient's {@code Action} and {@code
 * Status}, 5.x.x failed is hard, 4.x.x or delayed is soft) or an RFC 5965 abuse report ({@code
 * report-type=feedback-report}: a complaint from the original's recipient), with the original's
 * Message-ID. Anything else is not a report.
 */
final class DeliveryReports {

  private DeliveryReports() {}

  record Report(String address, Bounces.Kind kind, String messageId, String detail) {}

  private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>\\r\\n]+>)");
  private static final Pattern TO =
      Pattern.compile("(?im)^To:\\s*(?:.*<)?([^<>\\s,]+@[^<>\\s,]+)>?");

  static List<Report> read(Part message) throws MessagingException, IOException {
    if (!message.isMimeType("multipart/report")) {
      return List.of();
    }
    String type = message.getContentType().toLowerCase(Locale.ROOT);
    Multipart parts = (Multipart) message.getContent();
    String status = null;
    String feedback = null;
    String original = null;
    for (int i = 0; i < parts.getCount(); i++) {
      BodyPart p = parts.getBodyPart(i);
      if (p.isMimeType("message/delivery-status")) {
        status = text(p);
      } else if (p.isMimeType("message/feedback-report")) {
        feedback = text(p);
      } else if (p.isMimeType("message/rfc822") || p.isMimeType("text/rfc822-headers")) {
        original = text(p);
      }
    }
    if (original == null || !MESSAGE_ID.matcher(original).find()) {
      // some servers (and IMAP structures) give the returned message's part without its headers:
      // read them from the whole report's body instead (the report's own headers left out)
      original = body(message);
    }
    Matcher id = MESSAGE_ID.matcher(original);
    String messageId = id.find() ? id.group(1) : null;
    if (type.contains("feedback-report") && feedback != null) {
      Map<String, String> f = fields(feedback).get(0);
      String address = f.get("original-rcpt-to");
      if (address == null && original != null) {
        Matcher to = TO.matcher(original);
        address = to.find() ? to.group(1) : null;
      }
      return address == null
          ? List.of()
          : List.of(
              new Report(
                  address.strip(),
                  Bounces.Kind.COMPLAINT,
                  messageId,
                  "complaint: " + f.getOrDefault("feedback-type", "abuse")));
    }
    if (status == null) {
      return List.of();
    }
    List<Report> out = new ArrayList<>();
    for (Map<String, String> b : fields(status)) {
      String recipient = b.getOrDefault("final-recipient", b.get("original-recipient"));
      String action = b.getOrDefault("action", "").toLowerCase(Locale.ROOT);
      String code = b.getOrDefault("status", "");
      if (recipient == null || !(action.equals("failed") || action.equals("delayed"))) {
        continue;
      }
      String address =
          recipient.contains(";") ? recipient.substring(recipient.indexOf(';') + 1) : recipient;
      Bounces.Kind kind =
          action.equals("failed") && code.startsWith("5") ? Bounces.Kind.HARD : Bounces.Kind.SOFT;
      String diagnostic = b.get("diagnostic-code");
      out.add(
          new Report(
              address.strip(),
              kind,
              messageId,
              action + " " + code + (diagnostic == null ? "" : ": " + diagnostic)));
    }
    return out;
  }

  /**
   * The header-style blocks of a report part (per message, then per recipient), names lower-case.
   */
  static List<Map<String, String>> fields(String text) {
    List<Map<String, String>> blocks = new ArrayList<>();
    Map<String, String> block = new LinkedHashMap<>();
    String last = null;
    for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
      if (line.isBlank()) {
        if (!block.isEmpty()) {
          blocks.add(block);
          block = new LinkedHashMap<>();
        }
        last = null;
      } else if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
        block.put(last, block.get(last) + " " + line.strip());
      } else if (line.contains(":")) {
        last = line.substring(0, line.indexOf(':')).strip().toLowerCase(Locale.ROOT);
        block.put(last, line.substring(line.indexOf(':') + 1).strip());
      }
    }
    if (!block.isEmpty()) {
      blocks.add(block);
    }
    if (blocks.isEmpty()) {
      blocks.add(Map.of());
    }
    return blocks;
  }

  private static String body(Part message) throws MessagingException, IOException {
    java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
    message.writeTo(raw);
    String all = raw.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    int end = all.indexOf("\n\n");
    return end < 0 ? "" : all.substring(end + 2);
  }

  private static String text(Part p) throws MessagingException, IOException {
    try (InputStream in = p.getInputStream()) {
      byte[] bytes = in.readNBytes(256 * 1024);
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }
}
