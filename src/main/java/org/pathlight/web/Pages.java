package org.pathlight.web;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.pathlight.common.Organization;

/**
 * Server-rendered public pages ({@code src/main/resources/pages/*.mustache}). Every value is
 * HTML-escaped; every page includes the header and the hotline footer partials.
 */
@ApplicationScoped
public class Pages {

  private final Mustache.Compiler compiler =
      Mustache.compiler()
          .escapeHTML(true)
          .defaultValue("")
          .withLoader(name -> reader("pages/" + name + ".mustache"));
  private final Map<String, Template> templates = new ConcurrentHashMap<>();

  @Inject Organization org;

  public String render(String page, String title, Map<String, Object> model) {
    Map<String, Object> context = new HashMap<>(model);
    context.put("title", title);
    context.put("orgName", org.name());
    context.put("demo", org.isDemo());
    context.put("orgZone", org.zone().getId());
    context.put("hotlineName", org.hotlineName());
    context.put("hotlinePhone", org.hotlinePhone());
    context.put("hotlinePhoneDigits", org.hotlinePhoneDigits());
    context.put("hotlineText", org.hotlineText());
    return templates
        .computeIfAbsent(page, name -> compiler.compile(reader("pages/" + name + ".mustache")))
        .execute(context);
  }

  /** Renders a page and sends it: HTML, never cached (pages may show a person's data). */
  public void send(
      jakarta.servlet.http.HttpServletResponse response,
      String page,
      String title,
      Map<String, Object> model)
      throws java.io.IOException {
    String html = render(page, title, model);
    response.setContentType("text/html;charset=UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.getWriter().write(html);
  }

  private static Reader reader(String resource) {
    InputStream in = Pages.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new UncheckedIOException(new IOException("no template " + resource));
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }
}
