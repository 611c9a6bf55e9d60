package org.pathlight.testsupport;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.HashMap;
import java.util.Map;

/**
 * Test deployments only: Jakarta Security's real PBKDF2 hash with {@value #ITERATIONS} iterations
 * instead of the production 600,000, which cost about a second of CPU for every account made and
 * every sign-in in the staff tests. Everything else (algorithm, salt, key size, stored format, the
 * decoy for unknown emails) is the production code's. The launcher tests, which run the built jar
 * without this package, check the production count.
 */
@Decorator
@Priority(Interceptor.Priority.APPLICATION)
abstract class CheaperPasswordHashes implements Pbkdf2PasswordHash {

  static final int ITERATIONS = 1024;

  @Inject @Delegate @Any Pbkdf2PasswordHash delegate;

  @Override
  public void initialize(Map<String, String> parameters) {
    Map<String, String> cheaper = new HashMap<>(parameters);
    cheaper.put("Pbkdf2PasswordHash.Iterations", Integer.toString(ITERATIONS));
    delegate.initialize(cheaper);
  }
}
