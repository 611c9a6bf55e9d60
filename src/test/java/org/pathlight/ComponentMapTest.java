package org.pathlight;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The component map (docs/architecture.md) as a build failure: which component may use which, no
 * cycles, Stripe only in {@code payments}, the foundation knowing no business component, and {@code
 * common} only what its allow-list names.
 */
class ComponentMapTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.pathlight");

  /** The foundation: shared by every component, and knowing none of them. */
  private static final String[] FOUNDATION = {
    "common", "web", "documents", "jobs", "mail", "access"
  };

  /**
   * Each component and the components it may use (besides itself). The foundation's own order:
   * common under everything; web, documents and jobs on common; access on common; mail on access,
   * jobs and common.
   */
  private static final Map<String, Set<String>> MAY_USE =
      Map.ofEntries(
          Map.entry("common", Set.of()),
          Map.entry("web", Set.of("common")),
          Map.entry("documents", Set.of("common")),
          Map.entry("jobs", Set.of("common")),
          Map.entry("access", Set.of("common")),
          Map.entry("mail", Set.of("common", "access", "jobs")),
          Map.entry("supporters", foundationAnd()),
          Map.entry("staff", foundationAnd()),
          Map.entry("payments", foundationAnd()),
          Map.entry("officials", foundationAnd()),
          Map.entry("volunteers", foundationAnd("supporters")),
          Map.entry("donations", foundationAnd("supporters", "payments")),
          Map.entry("campaigns", foundationAnd("supporters", "officials")),
          // the daily digest goes to the staff who look after volunteers
          Map.entry("shifts", foundationAnd("supporters", "volunteers", "staff")),
          // aggregates only: never a person (supporters, volunteers, shifts) or a gift's donor
          Map.entry("impact", foundationAnd("donations")),
          Map.entry("newsletters", foundationAnd("supporters", "donations", "impact", "campaigns")),
          Map.entry("launcher", Set.of()));

  private static Set<String> foundationAnd(String... others) {
    Set<String> s = new TreeSet<>(Arrays.asList(FOUNDATION));
    s.addAll(Arrays.asList(others));
    return s;
  }

  /**
   * What {@code common} may hold: problem+json and input, plain values, the platform's plumbing.
   */
  private static final Set<String> COMMON =
      Set.of(
          // problem+json and request input
          "Problem",
          "ProblemException",
          "ProblemMappers",
          "StrictJsonReader",
          "JsonConfig",
          "JsonShape",
          "BodyLimit",
          "RequestAddress",
          "QueryParams",
          "ClientAddress",
          // values every component uses
          "Dates",
          "Emails",
          "MoneyText",
          "Organization",
          "PublicUrls",
          "Recipient",
          "ClockProducer",
          "InstantConverter",
          "Words",
          // signed links and rate limits
          "SignedTokens",
          "TokenCodec",
          "RevokedToken",
          "RateLimiter",
          "RateLimitStore",
          "Memo",
          // the database, start-up, health and background work
          "Database",
          "DatabaseFailures",
          "DatabaseHealth",
          "DatabaseOutage",
          "FailFastSession",
          "SchemaMigrator",
          "Startup",
          "Liveness",
          "DataDirectory",
          "Background");

  private static String component(JavaClass c) {
    String rest = c.getPackageName().substring("org.pathlight".length());
    return rest.isEmpty() ? "" : rest.substring(1).split("\\.")[0];
  }

  @Test
  void everyPackageIsOnTheMap() {
    Set<String> packages =
        MAIN.stream()
            .map(ComponentMapTest::component)
            .filter(p -> !p.isEmpty())
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(MAY_USE.keySet()).containsAll(packages);
  }

  @Test
  void eachComponentUsesOnlyWhatTheMapAllows() {
    for (var entry : MAY_USE.entrySet()) {
      String[] allowed =
          java.util.stream.Stream.concat(Set.of(entry.getKey()).stream(), entry.getValue().stream())
              .map(p -> "org.pathlight." + p + "..")
              .toArray(String[]::new);
      classes()
          .that()
          .resideInAPackage("org.pathlight." + entry.getKey() + "..")
          .should()
          .onlyDependOnClassesThat(
              resideOutsideOfPackage("org.pathlight..")
                  .or(resideInAnyPackage(allowed))
                  .or(JavaClass.Predicates.belongToAnyOf(PathlightApplication.class)))
          .allowEmptyShould(true)
          .because(entry.getKey() + " may use only " + entry.getValue())
          .check(MAIN);
    }
  }

  @Test
  void componentsHaveNoCycles() {
    slices().matching("org.pathlight.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void onlyPaymentsImportsStripe() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.pathlight.payments..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.stripe..")
        .check(MAIN);
  }

  @Test
  void theFoundationKnowsNoBusinessComponent() {
    String[] foundation =
        Arrays.stream(FOUNDATION).map(p -> "org.pathlight." + p + "..").toArray(String[]::new);
    noClasses()
        .that()
        .resideInAnyPackage(foundation)
        .should()
        .dependOnClassesThat(
            resideInAnyPackage("org.pathlight..").and(not(resideInAnyPackage(foundation))))
        .check(MAIN);
  }

  @Test
  void commonHoldsOnlyItsAllowList() {
    classes()
        .that()
        .resideInAPackage("org.pathlight.common")
        .and()
        .areTopLevelClasses()
        .should()
        .haveNameMatching("org\\.pathlight\\.common\\.(" + String.join("|", COMMON) + ")")
        .because("common is not a place for a component's code: give it a home of its own")
        .check(MAIN);
  }

  @Test
  void theLauncherIsApartFromTheApplication() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.pathlight.launcher..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.pathlight.launcher..")
        .check(MAIN);
  }

  /** Framework entry points: found by annotation or a service file, so public by necessity. */
  private static final java.util.List<Class<? extends java.lang.annotation.Annotation>> ENTRY =
      java.util.List.of(
          jakarta.ws.rs.Path.class,
          jakarta.ws.rs.ApplicationPath.class,
          jakarta.ws.rs.ext.Provider.class,
          jakarta.servlet.annotation.WebServlet.class,
          jakarta.servlet.annotation.WebFilter.class,
          jakarta.servlet.annotation.WebListener.class,
          jakarta.persistence.Entity.class,
          jakarta.persistence.Embeddable.class,
          jakarta.persistence.Converter.class,
          org.eclipse.microprofile.health.Liveness.class,
          org.eclipse.microprofile.health.Readiness.class,
          // a bean that expressions name (the OpenID Connect mechanism's settings)
          jakarta.inject.Named.class);

  /**
   * A type is package-private unless another package uses it. The classes that broke this rule when
   * it was written are frozen in {@code src/test/resources/archunit_store} (ArchUnit's {@code
   * FreezingArchRule}): they may only leave that list, and any new public class used only inside
   * its own package fails the build.
   */
  @Test
  void typesArePackagePrivateUnlessAnotherPackageUsesThem() {
    com.tngtech.archunit.lang.ArchCondition<JavaClass> usedElsewhere =
        new com.tngtech.archunit.lang.ArchCondition<>("be used from another package") {
          @Override
          public void check(JavaClass c, com.tngtech.archunit.lang.ConditionEvents events) {
            boolean elsewhere =
                c.getDirectDependenciesToSelf().stream()
                    .anyMatch(d -> !d.getOriginClass().getPackageName().equals(c.getPackageName()));
            if (!elsewhere) {
              events.add(
                  com.tngtech.archunit.lang.SimpleConditionEvent.violated(
                      c, c.getName() + " is public but only " + c.getPackageName() + " uses it"));
            }
          }
        };
    com.tngtech.archunit.base.DescribedPredicate<JavaClass> entryPoint =
        com.tngtech.archunit.base.DescribedPredicate.describe(
            "a framework entry point",
            c ->
                ENTRY.stream().anyMatch(c::isAnnotatedWith)
                    || c.isAssignableTo(jakarta.servlet.ServletContainerInitializer.class)
                    // a portable extension (a service file), a servlet registered in code
                    || c.isAssignableTo(jakarta.enterprise.inject.spi.Extension.class)
                    || c.isAssignableTo(jakarta.servlet.http.HttpServlet.class)
                    || c.getPackageName().startsWith("org.pathlight.launcher"));
    com.tngtech.archunit.library.freeze.FreezingArchRule.freeze(
            classes()
                .that()
                .arePublic()
                .and()
                .areTopLevelClasses()
                .and(not(entryPoint))
                .should(usedElsewhere))
        .check(MAIN);
  }
}
