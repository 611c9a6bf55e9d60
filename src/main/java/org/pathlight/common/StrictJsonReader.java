package org.pathlight.common;

import jakarta.annotation.Priority;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
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
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;

/**
 * Reads every JSON request body of every resource (they are all records): checked by {@link
 * JsonShape} first, then bound by the application's JSON-B ({@link JsonConfig}) from the same
 * bytes. Chosen over the runtime's JSON-B reader because application providers win at equal media
 * type.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
@Priority(1)
public class StrictJsonReader implements MessageBodyReader<Object> {

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
    JsonValue value = JsonShape.parse(body, charset(mediaType));
    if (value == null) {
      throw new NoContentException("empty body");
    }
    List<JsonShape.Finding> findings = JsonShape.check(value, genericType);
    if (!findings.isEmpty()) {
      throw JsonShape.problem(findings);
    }
    return jsonb(type, mediaType).fromJson(new ByteArrayInputStream(body), genericType);
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
