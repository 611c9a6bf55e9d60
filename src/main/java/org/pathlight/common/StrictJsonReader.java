package org.pathlight.common;

import jakarta.annotation.Priority;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NoContentException;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.Providers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads every JSON request body of every resource (they are all records): parsed strictly here (one
 * JSON value and nothing after it, no member twice, UTF-8), checked by {@link JsonShape}, then
 * bound by the application's JSON-B ({@link JsonConfig}) from the same bytes. Chosen over the
 * runtime's JSON-B reader because application providers win at equal media type.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
@Priority(1)
public class StrictJsonReader implements MessageBodyReader<Object> {

  /** Looked up once: {@code Json.create…} finds the provider through the class path each call. */
  private static final jakarta.json.spi.JsonProvider JSON =
      jakarta.json.spi.JsonProvider.provider();

  @Context Providers providers;

  @Override
  public boolean isReadable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return type.isRecord();
  }

  @Override
  public Object readFrom(
      Class<Object> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, String> httpHeaders,
      InputStream entityStream)
      throws IOException {
    byte[] body = entityStream.readAllBytes();
    JsonValue value = parse(body, charset(mediaType));
    if (value == null) {
      throw new NoContentException("empty body");
    }
    List<JsonShape.Finding> findings = JsonShape.check(value, genericType);
    if (!findings.isEmpty()) {
      throw JsonShape.problem(findings);
    }
    return jsonb(type, mediaType).fromJson(new ByteArrayInputStream(body), genericType);
  }

  /**
   * Parses {@code body} as exactly one JSON value. Throws {@link JsonParsingException} for broken
   * JSON and {@link ProblemException} ({@code malformed-json}) for content after the value or a
   * member given twice; returns null for an empty body. UTF-8 unless {@code charset} says
   * otherwise.
   */
  static JsonValue parse(byte[] body, Charset charset) {
    String text;
    try {
      text =
          (charset == null ? StandardCharsets.UTF_8 : charset)
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
    } catch (CharacterCodingException e) {
      throw JsonShape.malformed(
          "The request body is not UTF-8 text; send JSON in UTF-8.", List.of());
    }
    if (text.isBlank()) {
      return null;
    }
    try (JsonParser parser = JSON.createParser(new StringReader(text))) {
      JsonValue value = read(parser, parser.next(), "");
      boolean more;
      try {
        more = parser.hasNext();
      } catch (JsonParsingException e) {
        more = true;
      }
      if (more) {
        throw JsonShape.malformed(
            "The request body has more after the JSON value; send exactly one JSON value.",
            List.of());
      }
      return value;
    }
  }

  private static JsonValue read(JsonParser parser, JsonParser.Event event, String path) {
    return switch (event) {
      case START_OBJECT -> {
        var object = JSON.createObjectBuilder();
        Set<String> seen = new HashSet<>();
        for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_OBJECT; ) {
          String name = parser.getString();
          String field = JsonShape.join(path, name);
          if (!seen.add(name)) {
            throw JsonShape.malformed(
                "A field appears twice in the request body; send it once.",
                List.of(
                    new Problem.FieldError(JsonShape.printable(field), "appears more than once")));
          }
          object.add(name, read(parser, parser.next(), field));
          e = parser.next();
        }
        yield object.build();
      }
      case START_ARRAY -> {
        var array = JSON.createArrayBuilder();
        int index = 0;
        for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_ARRAY; ) {
          array.add(read(parser, e, path + "[" + index++ + "]"));
          e = parser.next();
        }
        yield array.build();
      }
      default -> parser.getValue();
    };
  }

  private Jsonb jsonb(Class<?> type, MediaType mediaType) {
    ContextResolver<Jsonb> resolver =
        providers == null ? null : providers.getContextResolver(Jsonb.class, mediaType);
    Jsonb configured = resolver == null ? null : resolver.getContext(type);
    return configured == null ? JsonConfig.JSONB : configured;
  }

  private static Charset charset(MediaType mediaType) {
    String name = mediaType == null ? null : mediaType.getParameters().get("charset");
    if (name == null) {
      return null;
    }
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw ProblemException.badRequest(
          "malformed-request", "The Content-Type names an unknown charset; send UTF-8.");
    }
  }
}
