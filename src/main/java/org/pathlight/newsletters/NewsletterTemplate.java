package org.pathlight.newsletters;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.LineBreakRendering;
import org.commonmark.renderer.text.TextContentRenderer;
import org.pathlight.common.ProblemException;

/**
 * A newsletter's Markdown body with its merge fields, parsed once per send and merged per person.
 * Markdown goes through commonmark-java: raw HTML in the body is shown as text, never passed on,
 * and unsafe link schemes are dropped. A merge field the body names but Pathlight does not know, or
 * a brace left open, is a 400 when the draft is saved.
 */
final class NewsletterTemplate {

  /** The merge fields a body may use. */
  static final List<String> FIELDS =
      List.of("firstName", "givingTotal", "impact", "manageLink", "preferencesLink");

  private static final Pattern FIELD = Pattern.compile("\\{\\{\\s*([A-Za-z]*)\\s*}}");
  private static final Parser PARSER = Parser.builder().build();
  private static final HtmlRenderer HTML =
      HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
  // a blank line between paragraphs, as a person writing plain text would leave
  private static final TextContentRenderer TEXT =
      TextContentRenderer.builder().lineBreakRendering(LineBreakRendering.SEPARATE_BLOCKS).build();

  private final String html;
  private final String text;
  private final Set<String> used;

  private NewsletterTemplate(String html, String text, Set<String> used) {
    this.html = html;
    this.text = text;
    this.used = used;
  }

  /** Parses and checks a body; a problem on {@code field} says what to fix. */
  static NewsletterTemplate parse(String body, String field) {
    if (body == null || body.isBlank()) {
      throw ProblemException.invalid(field, "write the newsletter");
    }
    if (body.length() > 100_000) {
      throw ProblemException.invalid(field, "keep the newsletter under 100,000 characters");
    }
    Set<String> used = new LinkedHashSet<>();
    Matcher m = FIELD.matcher(body);
    StringBuilder rest = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      if (!FIELDS.contains(name)) {
        throw ProblemException.invalid(
            field,
            "there is no merge field {{"
                + (name.length() > 40 ? name.substring(0, 40) : name)
                + "}}; use "
                + String.join(", ", FIELDS.stream().map(f -> "{{" + f + "}}").toList()));
      }
      used.add(name);
      m.appendReplacement(rest, "");
    }
    m.appendTail(rest);
    if (rest.indexOf("{{") >= 0 || rest.indexOf("}}") >= 0) {
      throw ProblemException.invalid(
          field,
          "a merge field is not closed: write it as {{firstName}}, with two braces each side");
    }
    var document = PARSER.parse(body);
    return new NewsletterTemplate(HTML.render(document), TEXT.render(document), used);
  }

  /** The fields the body uses (the sender works out only those). */
  Set<String> used() {
    return used;
  }

  /** The body's HTML with {@code values} merged (HTML-escaped; links in place). */
  String html(Map<String, String> values) {
    // commonmark percent-encodes the braces of a field used as a link's address
    String out = html.replace("%7B%7B", "{{").replace("%7D%7D", "}}");
    return merge(out, values, true);
  }

  /** The body as plain text with {@code values} merged. */
  String text(Map<String, String> values) {
    return merge(text, values, false);
  }

  private String merge(String rendered, Map<String, String> values, boolean escape) {
    Matcher m = FIELD.matcher(rendered);
    StringBuilder out = new StringBuilder(rendered.length() + 256);
    while (m.find()) {
      String v = used.contains(m.group(1)) ? values.getOrDefault(m.group(1), "") : m.group();
      m.appendReplacement(out, Matcher.quoteReplacement(escape ? escape(v) : v));
    }
    return m.appendTail(out).toString();
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
