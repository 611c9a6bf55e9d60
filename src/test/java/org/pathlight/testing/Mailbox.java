package org.pathlight.testing;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/** Reads what the test SMTP server received. */
public final class Mailbox {

  private Mailbox() {}

  /** A fresh address nobody has used in this run: {@code name} + a nanosecond stamp. */
  public static String unique(String name) {
    return name + System.nanoTime() + "@example.org";
  }

  /** Group 1 of {@code pattern} in the message's text; fails the test when it is not there. */
  public static String link(MimeMessage m, java.util.regex.Pattern pattern) {
    java.util.regex.Matcher found = pattern.matcher(text(m));
    org.assertj.core.api.Assertions.assertThat(found.find()).as("link in " + subject(m)).isTrue();
    return found.group(1);
  }

  public static List<MimeMessage> to(String address) {
    return Arrays.stream(TestEnvironment.get().smtp().getReceivedMessages())
        .filter(m -> recipient(m).equalsIgnoreCase(address))
        .toList();
  }

  /** Waits up to {@code timeout} for {@code count} messages to {@code address}. */
  public static List<MimeMessage> await(String address, int count, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    List<MimeMessage> got = to(address);
    while (got.size() < count && Instant.now().isBefore(deadline)) {
      sleep(100);
      got = to(address);
    }
    return got;
  }

  /**
   * Waits up to {@code timeout} for {@code count} messages to {@code address} whose subject starts
   * with {@code subjectStart}, and returns those there are: a test then checks there are no more.
   */
  public static List<MimeMessage> await(
      String address, String subjectStart, int count, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    List<MimeMessage> got = withSubject(address, subjectStart);
    while (got.size() < count && Instant.now().isBefore(deadline)) {
      sleep(100);
      got = withSubject(address, subjectStart);
    }
    return got;
  }

  /** The messages to {@code address} whose subject starts with {@code subjectStart}. */
  public static List<MimeMessage> withSubject(String address, String subjectStart) {
    return to(address).stream().filter(m -> subject(m).startsWith(subjectStart)).toList();
  }

  public static String messageId(MimeMessage m) {
    try {
      return m.getMessageID();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The plain-text body (the text part of a multipart message). */
  public static String text(MimeMessage m) {
    try {
      Object content = m.getContent();
      if (content instanceof String s) {
        return s;
      }
      var multipart = (jakarta.mail.Multipart) content;
      for (int i = 0; i < multipart.getCount(); i++) {
        var part = multipart.getBodyPart(i);
        if (part.isMimeType("text/plain")) {
          return (String) part.getContent();
        }
      }
      return "";
    } catch (MessagingException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String from(MimeMessage m) {
    try {
      return m.getFrom()[0].toString();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String recipient(MimeMessage m) {
    try {
      return m.getAllRecipients()[0].toString().replaceAll(".*<|>.*", "");
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static List<MimeMessage> matching(Predicate<MimeMessage> filter) {
    return Arrays.stream(TestEnvironment.get().smtp().getReceivedMessages())
        .filter(filter)
        .toList();
  }

  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
