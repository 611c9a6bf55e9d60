package org.pathlight.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * {@code Cache-Control: no-store} on every API answer, errors included: most of them carry a
 * person's data or a secret (supporters, gifts, rosters with a safe-house address, a volunteer's
 * own page, manage links, every CSV), and a browser or proxy must keep none of them. A resource
 * whose answer may be cached says so with its own {@code Cache-Control}, which is left alone. Pages
 * get the same from {@link Pages#send}.
 */
@Provider
public class NoStore implements ContainerResponseFilter {

  static final String NO_STORE = "no-store";

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!response.getHeaders().containsKey(HttpHeaders.CACHE_CONTROL)) {
      response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, NO_STORE);
    }
  }
}
