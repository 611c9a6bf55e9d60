package org.pathlight.supporters;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.pathlight.access.AuditTrail;
import org.pathlight.mail.Outbox;

/**
 * A privacy request's export: one ZIP of everything Pathlight holds on a person. The person record
 * (and any merged into it), each component's records ({@link PersonRecords#export}: gifts with
 * their giving statements as PDFs, volunteering, shifts, letters), the emails sent to them (subject
 * and delivery, never a body: those hold sign-in links) and the audit trail of changes to the
 * record. Audited.
 */
@ApplicationScoped
class PrivacyExports {

  private static final String README =
      "Everything %s holds on this person, exported on %s by %s.%n%n"
          + "person.json        the person record, and any record merged into it%n"
          + "emails.json        every email sent to them: subject and delivery, not the text%n"
          + "changes.json       the audit trail of changes to the person record%n"
          + "gifts.json, recurring-gifts.json, giving-statement-YEAR.pdf%n"
          + "volunteering.json, trainings.json, shifts.json%n"
          + "campaign-actions.json, letters.json%n%n"
          + "Left out on purpose: the addresses of shifts (they protect the people at them), and the"
          + " text of emails (sign-in and manage links would let anyone who reads them act as the"
          + " person).%n";

  @PersistenceContext EntityManager em;
  @Inject Instance<PersonRecords> sources;
  @Inject Supporters supporters;
  @Inject Outbox outbox;
  @Inject AuditTrail audit;
  @Inject org.pathlight.common.Organization org;
  @Inject java.time.Clock clock;

  @Transactional
  byte[] export(Supporter s, String actor, String clientIp) {
    PersonRecords.Person person = new PersonRecords.Person(s.id(), supporters.emailsOf(s));
    List<PersonRecords.Document> files = new ArrayList<>();
    files.add(
        PersonRecords.rows(
            em,
            "person.json",
            "select * from supporter where id = ?1 or merged_into = ?1 order by id",
            s.id()));
    try (Jsonb json = JsonbBuilder.create()) {
      files.add(
          new PersonRecords.Document(
              "emails.json",
              json.toJson(outbox.toAddresses(person.emails(), 100_000))
                  .getBytes(StandardCharsets.UTF_8)));
      files.add(
          new PersonRecords.Document(
              "changes.json",
              json.toJson(audit.find("supporter", String.valueOf(s.id()), 10_000))
                  .getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException("the export's JSON could not be written", e);
    }
    for (PersonRecords source : sources) {
      files.addAll(source.export(person));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
      put(
          zip,
          "README.txt",
          String.format(README, org.name(), clock.instant(), actor)
              .getBytes(StandardCharsets.UTF_8));
      for (PersonRecords.Document f : files) {
        put(zip, f.name(), f.bytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    audit.record(
        actor,
        "supporter.exported",
        "supporter",
        s.id(),
        null,
        Map.of("files", files.stream().map(PersonRecords.Document::name).toList()),
        clientIp);
    return bytes.toByteArray();
  }

  private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content);
    zip.closeEntry();
  }
}
