package org.pathlight.common;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses request bodies over {@code pathlight.http.max.body.bytes} with 413: at once when the
 * Content-Length says so, and while reading when a chunked body grows past the limit. A resource
 * method marked {@link Upload} (a data import) may take up to {@code
 * pathlight.http.max.upload.bytes} instead. Runs after matching (so it knows the method) and before
 * authentication reads anything.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public class BodyLimit implements ContainerRequestFilter {

  /** Marks a resource method that takes a file upload: the larger upload limit applies. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  public @interface Upload {}

  @Inject
  @ConfigProperty(name = "pathlight.http.max.body.bytes", defaultValue = "65536")
  long maxBytes;

  @Inject
  @ConfigProperty(name = "pathlight.http.max.upload.bytes", defaultValue = "20971520")
  long maxUploadBytes;

  @Context ResourceInfo resource;

  /** The body went past the limit while it was being read. */
  public static final class TooLarge extends IOException {
    private final long limit;

    TooLarge(long limit) {
      super("request body larger than " + limit + " bytes");
      this.limit = limit;
    }

    public long limit() {
      return limit;
    }
  }

  @Override
  public void filter(ContainerRequestContext request) {
    long limit = isUpload() ? maxUploadBytes : maxBytes;
    if (request.getLength() > limit) {
      throw new ProblemException(
          Problem.of(
              413,
              "body-too-large",
              "Request body too large",
              "The request body is larger than " + limit + " bytes; send less data."));
    }
    request.setEntityStream(new Limited(request.getEntityStream(), limit));
  }

  private boolean isUpload() {
    return resource != null
        && resource.getResourceMethod() != null
        && resource.getResourceMethod().isAnnotationPresent(Upload.class);
  }

  static final class Limited extends FilterInputStream {
    private final long limit;
    private long read;

    Limited(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws TooLarge {
      read += n;
      if (read > limit) {
        throw new TooLarge(limit);
      }
    }
  }
}
