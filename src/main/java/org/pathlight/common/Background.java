package org.pathlight.common;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Work done after the answer has gone. The "email me a link" forms hand their lookup and mail here,
 * so a request for a known email and one for an unknown email do the very same work before they
 * answer (count the rate limits, hand over) and take the same time: the answer's timing tells
 * nothing about who is known. A crash before the work runs loses that one request; the person asks
 * again.
 */
@ApplicationScoped
public class Background {

  private static final Logger LOG = Logger.getLogger(Background.class.getName());

  @Resource ManagedExecutorService executor;

  /** Runs {@code work} on a managed thread; a failure is logged as {@code what}, never thrown. */
  public void run(String what, Runnable work) {
    executor.execute(
        () -> {
          try {
            work.run();
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, what + " failed", e);
          }
        });
  }
}
