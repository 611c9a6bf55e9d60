package org.pathlight.staff;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.pathlight.common.ProblemException;

/**
 * Checks a staff email and password. An unknown email costs the same hashing work as a wrong
 * password and gets the same answer; repeated failures lock the email out for a while, from that
 * client address (or, past a higher ceiling, from everywhere): see {@link LoginThrottle}.
 */
@ApplicationScoped
public class SignIn {

  @Inject StaffAccounts accounts;
  @Inject StaffSessions sessions;
  @Inject PasswordHasher hasher;
  @Inject LoginThrottle throttle;
  @Inject Clock clock;
  @Inject TwoFactor twoFactor;

  public StaffSessions.Opened signIn(String email, String password, String clientIp) {
    return signIn(email, password, null, clientIp);
  }

  /**
   * As above; an account with two-step sign-in also needs {@code code}: 401 code-required without
   * it, 401 code-invalid (a failure, as a wrong password) with a wrong or used one.
   */
  public StaffSessions.Opened signIn(String email, String password, String code, String clientIp) {
    Optional<Instant> locked = throttle.lockedUntil(email, clientIp);
    if (locked.isPresent()) {
      throw lockedOut(locked.get());
    }
    Optional<StaffAccount> account = accounts.findByEmail(email).filter(StaffAccount::isActive);
    boolean verified =
        account.isPresent()
            ? hasher.verify(password, account.get().passwordHash())
            : hasher.verifyDecoy(password);
    if (!verified) {
      Optional<Instant> lockStarted = throttle.failed(email, clientIp);
      if (lockStarted.isPresent()) {
        throw lockedOut(lockStarted.get());
      }
      throw ProblemException.unauthorized("The email or password is not right.");
    }
    if (twoFactor.enabled(account.get().id())) {
      if (code == null || code.isBlank()) {
        throw new ProblemException(
            org.pathlight.common.Problem.of(
                401,
                "code-required",
                "Enter your sign-in code",
                "Enter the 6-digit code your authenticator app shows, or one of your recovery"
                    + " codes."));
      }
      if (!twoFactor.accept(account.get().id(), code)) {
        Optional<Instant> lockStarted = throttle.failed(email, clientIp);
        if (lockStarted.isPresent()) {
          throw lockedOut(lockStarted.get());
        }
        throw new ProblemException(
            org.pathlight.common.Problem.of(
                401,
                "code-invalid",
                "Code not accepted",
                "That code is not right or was used already: enter the newest code your app"
                    + " shows."));
      }
    }
    throttle.succeeded(email, clientIp);
    return sessions.open(account.get(), clientIp);
  }

  private ProblemException lockedOut(Instant until) {
    return ProblemException.tooManyRequests(
        "signin-locked",
        "Too many failed sign-ins for this email. Try again later or ask an admin.",
        Duration.between(clock.instant(), until));
  }
}
