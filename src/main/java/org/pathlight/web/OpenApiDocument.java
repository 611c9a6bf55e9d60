package org.pathlight.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;

/**
 * The API contract, {@code META-INF/openapi.yaml} exactly as kept in the repository (and checked
 * against the resources by OpenApiDocumentTest), at {@code /openapi.yaml}. Payara's own {@code
 * /openapi} adds a top-level {@code endpoints} member that is not OpenAPI, so strict tools
 * (swagger-parser, openapi-generator) refuse it; this one they accept.
 */
@WebServlet("/openapi.yaml")
public class OpenApiDocument extends HttpServlet {

  private static final String RESOURCE = "META-INF/openapi.yaml";

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    byte[] document;
    try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
        return;
      }
      document = in.readAllBytes();
    }
    response.setContentType("application/yaml;charset=UTF-8");
    response.setHeader("Cache-Control", "no-cache");
    response.setContentLength(document.length);
    response.getOutputStream().write(document);
  }
}
