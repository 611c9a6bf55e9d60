package org.pathlight.mail;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.pathlight.common.Organization;

/**
 * Email templates: {@code mail/{name}.subject.mustache}, {@code .txt.mustache} and optionally
 * {@code .html.mustache}, rendered with Mustache (logic-less, so templates staff edit later cannot
 * run code). HTML bodies escape every value; subject and text bodies are plain text. Every template
 * can include {@code {{> footer.txt}}} / {@code {{> footer.html}}}, the CAN-SPAM footer with the
 * organisation's postal address.
 */
@ApplicationScoped
public class MailTemplates {

  private final Mustache.Compiler text =
      Mustache.compiler().escapeHTML(false).defaultValue("").withLoader(MailTemplates::partial);
  private final Mustache.Compiler html =
      Mustache.compiler().escapeHTML(true).defaultValue("").withLoader(MailTemplates::partial);
  private final Map<String, Optional<Template>> cache = new ConcurrentHashMap<>();

  @Inject Organization org;

  /** A message ready for the outbox. */
  public record Rendered(String subject, String text, String html) {}

  public Rendered render(String name, Map<String, ?> model) {
    Map<String, Object> context = new HashMap<>(model);
    context.putIfAbsent("orgName", org.name());
    context.putIfAbsent("orgAddress", org.address());
    context.putIfAbsent("hotlinePhone", org.hotlinePhone());
    context.putIfAbsent("hotlineText", org.hotlineText());
    String subject =
        template(name + ".subject", text)
            .orElseThrow(() -> new IllegalArgumentException("no mail template " + name))
            .execute(context)
            .strip()
            .replaceAll("[\\r\\n]+", " ");
    String body =
        template(name + ".txt", text)
            .orElseThrow(() -> new IllegalArgumentException("no text body for " + name))
            .execute(context);
    String htmlBody = template(name + ".html", html).map(t -> t.execute(context)).orElse(null);
    return new Rendered(subject, body, htmlBody);
  }

  private Optional<Template> template(String name, Mustache.Compiler compiler) {
    return cache.computeIfAbsent(
        name + (compiler == html ? "#html" : "#text"), key -> open(name).map(compiler::compile));
  }

  private static Optional<Reader> open(String name) {
    InputStream in =
        MailTemplates.class.getClassLoader().getResourceAsStream("mail/" + name + ".mustache");
    return Optional.ofNullable(in).map(s -> new InputStreamReader(s, StandardCharsets.UTF_8));
  }

  private static Reader partial(String name) {
    return open(name).orElseThrow(() -> new IllegalArgumentException("no mail partial " + name));
  }
}
