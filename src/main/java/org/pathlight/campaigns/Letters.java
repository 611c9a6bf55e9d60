package org.pathlight.campaigns;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.pathlight.common.Emails;
import org.pathlight.common.Problem;
import org.pathlight.common.ProblemException;
import org.pathlight.mail.MailTemplates;
import org.pathlight.mail.Outbox;
import org.pathlight.officials.Officials;
import org.pathlight.supporters.Supporter;
import org.pathlight.supporters.Supporters;

/**
 * A supporter acting on a campaign: one letter per official the campaign targets for their address,
 * each delivered by that official's channel and recorded with its status. Email goes through the
 * outbox (in this transaction, with the supporter as Reply-To); letters to officials who publish no
 * email are printed in batches for hand delivery or post (their street address kept on the letter
 * until the batch is mailed); an official with only a web form gets a hand-off: the form's address
 * and the text to paste. One action per person and campaign: a repeat sends nothing and answers
 * with the letters already written. A new channel (Congress's CWC, say) is one more branch in
 * {@link #channel}.
 */
@ApplicationScoped
public class Letters {

  /** HTML-ish markup in a note: a tag, a comment or an entity. */
  private static final Pattern MARKUP =
      Pattern.compile("<\\s*[a-zA-Z!/?]|&[a-zA-Z#][a-zA-Z0-9]*;", Pattern.DOTALL);

  @PersistenceContext EntityManager em;
  @Inject Campaigns campaigns;
  @Inject Officials officials;
  @Inject Supporters supporters;
  @Inject org.pathlight.supporters.OptIns optIns;

  /** The topic the action page's box subscribes to, once the address confirms. */
  static final String ADVOCACY_TOPIC = "advocacy-alerts";

  /** The words beside the action page's box: what the person agrees to. */
  static final String OPT_IN = "Email me about this campaign and future actions";

  @Inject Outbox outbox;
  @Inject LetterTestMode testMode;
  @Inject org.pathlight.common.Organization org;
  @Inject Clock clock;

  /** What a supporter sends. */
  public record Action(
      String firstName,
      String lastName,
      String email,
      String zip,
      String address,
      String city,
      String district,
      String stateUpper,
      String stateLower,
      String personalNote,
      boolean optIn) {}

  /** A letter as the supporter and staff see it. */
  public record LetterView(
      long id,
      String officialId,
      String official,
      String title,
      String channel,
      String status,
      String contactForm,
      String subject,
      String body) {}

  /**
   * The outcome: the letters, targets that got none and why, and (never shown to the caller)
   * whether this was a repeat that wrote nothing.
   */
  public record Result(
      boolean duplicate, boolean test, List<LetterView> letters, List<String> skipped) {
    /** What the caller sees: the same for a first action and a repeat. */
    public Map<String, Object> answer() {
      return test
          ? map("letters", letters, "skipped", skipped, "test", true)
          : map("letters", letters, "skipped", skipped);
    }
  }

  /** Checks the supporter's input; every problem at once, nothing written. */
  static void validate(Action a) {
    List<Problem.FieldError> errors = new ArrayList<>();
    name(errors, "firstName", a.firstName(), "enter your first name");
    name(errors, "lastName", a.lastName(), "enter your last name");
    if (a.email() == null
        || a.email().length() > 254
        || !a.email().strip().matches("[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}")) {
      errors.add(new Problem.FieldError("email", "enter your email address"));
    }
    if (a.zip() == null || !a.zip().strip().matches("\\d{5}(-\\d{4})?")) {
      errors.add(new Problem.FieldError("zip", "enter your five-digit ZIP code"));
    }
    if (a.address() != null && (a.address().length() > 200 || markup(a.address()))) {
      errors.add(new Problem.FieldError("address", "give your street address as plain text"));
    }
    if (a.city() != null && (a.city().length() > 100 || markup(a.city()))) {
      errors.add(new Problem.FieldError("city", "give your city as plain text"));
    }
    if (a.personalNote() != null) {
      if (a.personalNote().length() > 2000) {
        errors.add(
            new Problem.FieldError(
                "personalNote", "is too long: keep it to 2,000 characters (a short paragraph)"));
      } else if (markup(a.personalNote())) {
        errors.add(
            new Problem.FieldError(
                "personalNote",
                "remove the HTML: letters are plain text, write it as you'd say it"));
      }
    }
    String[][] lines = {
      {"firstName", a.firstName()}, {"lastName", a.lastName()}, {"email", a.email()},
      {"zip", a.zip()}, {"address", a.address()}, {"city", a.city()},
      {"district", a.district()}, {"stateUpper", a.stateUpper()}, {"stateLower", a.stateLower()}
    };
    for (String[] f : lines) {
      if (f[1] != null && CONTROL.matcher(f[1]).find()) {
        errors.add(new Problem.FieldError(f[0], "remove the line breaks and control characters"));
      }
    }
    if (a.personalNote() != null && NOTE_CONTROL.matcher(a.personalNote()).find()) {
      errors.add(new Problem.FieldError("personalNote", "remove the control characters"));
    }
    for (String[] f :
        new String[][] {
          {"district", a.district()}, {"stateUpper", a.stateUpper()}, {"stateLower", a.stateLower()}
        }) {
      if (f[1] != null && f[1].length() > 60) {
        errors.add(new Problem.FieldError(f[0], "is too long"));
      }
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(
          Problem.of(400, "validation", "Invalid input", "Correct the fields listed in errors.")
              .withErrors(errors));
    }
  }

  /** Any control character: none belongs in a one-line field. */
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  /** The note may have line breaks and tabs, nothing else of the kind. */
  private static final Pattern NOTE_CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\r\\n\\t]]");

  private static void name(List<Problem.FieldError> errors, String field, String v, String ask) {
    if (v == null || v.isBlank()) {
      errors.add(new Problem.FieldError(field, ask));
    } else if (v.length() > 100 || markup(v)) {
      errors.add(new Problem.FieldError(field, "use plain text of up to 100 characters"));
    }
  }

  private static boolean markup(String s) {
    return MARKUP.matcher(s).find();
  }

  /** The letters this supporter would send (nothing written): the page shows them first. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<LetterView> preview(String slug, Action a) {
    validate(a);
    Campaigns.CampaignView c = openCampaign(slug);
    return drafts(c, a, resolve(c, a), false);
  }

  /** This request's letters, unwritten: as a preview, or as the answer to a repeat. */
  private List<LetterView> drafts(Campaigns.CampaignView c, Action a, Resolved r, boolean asSent) {
    List<LetterView> out = new ArrayList<>();
    for (Officials.Official o : r.targets()) {
      Letter.Channel channel = channel(o);
      out.add(
          new LetterView(
              0,
              o.id(),
              o.name(),
              o.title(),
              channel.word(),
              asSent ? Letter.firstStatus(channel).word() : "preview",
              contactForm(o),
              c.subject(),
              body(c, a, r.state(), o)));
    }
    return out;
  }

  /**
   * Writes the letters and queues their delivery, once per person and campaign. A repeat (the same
   * email again: a double click, a second tab, or somebody else typing that email) writes and sends
   * nothing, and is answered exactly like a first action, with this request's own letters: the
   * answer never shows an earlier action's letters, nor tells whether an email acted before. The
   * supporter's copy, which only the email's owner reads, says they wrote once.
   */
  @Transactional
  public Result act(String slug, Action a, String clientIp) {
    validate(a);
    Campaigns.CampaignView c = openCampaign(slug);
    String emailKey = Emails.normalize(a.email());
    Resolved r = resolve(c, a);
    if (actionId(c.id(), emailKey).isPresent()) {
      return new Result(true, testMode.on(), drafts(c, a, r, true), r.skipped());
    }
    Supporters.Match match =
        supporters.findOrCreate(a.email().strip(), a.firstName(), a.lastName(), null);
    Supporter supporter = match.supporter();
    Instant now = clock.instant();
    if (a.optIn()) {
      // double opt-in: the address confirms by email, so nobody subscribes somebody else
      optIns.request(
          a.email().strip(), a.firstName(), List.of(ADVOCACY_TOPIC), "action-page:" + slug, OPT_IN);
    }
    @SuppressWarnings("unchecked")
    List<Number> inserted =
        em.createNativeQuery(
                "insert into campaign_action (campaign_id, supporter_id, email_key, first_name,"
                    + " last_name, city, zip, state, districts, personal_note, opt_in, client_ip,"
                    + " created_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
                    + " ?13) on conflict (campaign_id, email_key) do nothing returning id")
            .setParameter(1, c.id())
            .setParameter(2, supporter.id())
            .setParameter(3, emailKey)
            .setParameter(4, a.firstName().strip())
            .setParameter(5, a.lastName().strip())
            .setParameter(6, blankToNull(a.city()))
            .setParameter(7, Officials.zip5(a.zip()))
            .setParameter(8, r.state())
            .setParameter(9, String.join(" ", r.districts()))
            .setParameter(10, blankToNull(a.personalNote()))
            .setParameter(11, a.optIn())
            .setParameter(12, clientIp)
            .setParameter(13, Timestamp.from(now))
            .getResultList();
    if (inserted.isEmpty()) {
      // the same email at the same moment in another request: that one wins
      return new Result(true, testMode.on(), drafts(c, a, r, true), r.skipped());
    }
    long actionId = inserted.get(0).longValue();
    boolean test = testMode.on();
    for (Officials.Official o : r.targets()) {
      Letter.Channel channel = channel(o);
      String body = body(c, a, r.state(), o);
      Letter letter =
          new Letter(
              c.id(),
              actionId,
              new Letter.Draft(
                  o.id(),
                  o.name(),
                  o.title(),
                  channel,
                  c.subject(),
                  body,
                  channel == Letter.Channel.PRINT ? addressBlock(a, r.state()) : null,
                  contactForm(o)),
              test,
              now);
      em.persist(letter);
      if (channel == Letter.Channel.EMAIL) {
        em.flush(); // the letter's id keys its message
        String address = channelValue(o, "email");
        Outbox.Envelope to =
            test
                ? Outbox.Envelope.to(testMode.inbox(), "TEST: " + o.name(), "advocacy")
                : Outbox.Envelope.to(address, o.name(), "advocacy");
        MailTemplates.Rendered rendered =
            test
                ? new MailTemplates.Rendered(
                    "[TEST] " + c.subject(),
                    LetterTestMode.preface(o.title(), o.name(), address) + body,
                    null)
                : new MailTemplates.Rendered(c.subject(), body, null);
        letter.queuedAs(
            outbox
                .enqueue(
                    to.dedupedBy("letter:" + letter.id()).replyingTo(a.email().strip()), rendered)
                .orElseThrow());
      }
    }
    List<LetterView> written = letters(actionId);
    confirm(supporter, c, a, actionId, written);
    return new Result(false, test, written, r.skipped());
  }

  /**
   * The supporter's copy: where each letter goes, the web forms still to fill in, and the letter.
   * Queued once per action, in the same transaction; their safe-contact flag keeps the sender name
   * and the subject neutral.
   */
  private void confirm(
      Supporter supporter,
      Campaigns.CampaignView c,
      Action a,
      long actionId,
      List<LetterView> sent) {
    List<Map<String, Object>> lines = new ArrayList<>();
    for (LetterView l : sent) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("recipient", (l.title() == null ? "" : l.title() + " ") + l.official());
      line.put(
          "how",
          switch (l.channel()) {
            case "email" -> "emailed to their office; replies come to you";
            case "print" -> "printed with your address and delivered to their office by our team";
            default -> "through their web form (see below)";
          });
      boolean form = l.contactForm() != null && !"email".equals(l.channel());
      line.put("hasForm", form);
      line.put("contactForm", form ? l.contactForm() : "");
      lines.add(line);
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("firstName", a.firstName().strip());
    model.put("campaignTitle", c.title());
    model.put("discreet", supporter.safeContact().discreetSender());
    model.put("letters", lines);
    model.put("handOff", sent.stream().anyMatch(l -> "contact-form".equals(l.channel())));
    model.put("several", sent.size() > 1);
    model.put("firstRecipient", lines.isEmpty() ? "" : lines.get(0).get("recipient"));
    model.put("subject", c.subject());
    model.put("body", sent.isEmpty() ? "" : sent.get(0).body());
    model.put("test", testMode.on());
    outbox.enqueue(
        Outbox.Envelope.to(supporter.recipient(), "advocacy")
            .dedupedBy("campaign-action:" + actionId),
        "letters-sent",
        model);
  }

  /** The officials a campaign writes to for this supporter, or a problem saying what to add. */
  record Resolved(
      List<Officials.Official> targets,
      String state,
      List<String> districts,
      List<String> skipped) {}

  private Resolved resolve(Campaigns.CampaignView c, Action a) {
    // the street address places the supporter (when the geocoder is on) only where it matters
    boolean placed =
        c.targets().stream().anyMatch(t -> t.equals("us-house") || t.startsWith("state-"));
    Officials.Lookup found =
        officials.lookup(
            new Officials.Query(
                a.zip(),
                blankToNull(a.district()),
                blankToNull(a.stateUpper()),
                blankToNull(a.stateLower()),
                placed ? blankToNull(a.address()) : null));
    boolean needsHouse = c.targets().contains("us-house");
    boolean needsState =
        c.targets().stream().anyMatch(t -> t.startsWith("us-") || t.startsWith("state-"));
    List<Officials.District> house =
        found.districts().stream().filter(d -> "us-house".equals(d.chamber())).toList();
    long states = house.stream().map(Officials.District::state).distinct().count();
    if (found.ambiguous() && (needsHouse || (needsState && states > 1))) {
      throw new ProblemException(
          Problem.of(
                  422,
                  "address-needed",
                  "Which district?",
                  "ZIP "
                      + found.zip()
                      + " lies in more than one congressional district. Choose yours (it is on"
                      + " your voter card, or ask us with your street address).")
              .with("candidates", house.stream().map(Officials.District::label).toList()));
    }
    List<Officials.Official> targets = new ArrayList<>();
    for (Officials.Official o : found.officials()) {
      if (c.targets().contains(o.office())) {
        targets.add(o);
      }
    }
    for (String t : c.targets()) {
      if (!Campaigns.OFFICES.contains(t)) {
        officials.findCurrent(t).ifPresent(targets::add);
      }
    }
    List<String> skipped = new ArrayList<>();
    if (c.targets().contains("state-upper") && !hasDistrict(found, "state-upper")) {
      skipped.add("state-upper: give your state senate district to write to your state senator");
    }
    if (c.targets().contains("state-lower") && !hasDistrict(found, "state-lower")) {
      skipped.add(
          "state-lower: give your state house or assembly district to write to your"
              + " representative there");
    }
    house.stream()
        .filter(Officials.District::vacant)
        .filter(d -> needsHouse)
        .forEach(d -> skipped.add("us-house: the seat for " + d.label() + " is vacant"));
    boolean printed = targets.stream().anyMatch(o -> channel(o) == Letter.Channel.PRINT);
    if (printed && (a.address() == null || a.address().isBlank())) {
      throw ProblemException.invalid(
          "address",
          "give your street address: letters to members of Congress are printed and delivered,"
              + " and their offices answer constituents by post");
    }
    if (targets.isEmpty()) {
      throw new ProblemException(
          Problem.of(
                  422,
                  "no-officials",
                  "No one to write to",
                  "We found no official this campaign writes to for ZIP " + found.zip() + ".")
              .with("skipped", skipped));
    }
    String state = states == 1 ? house.get(0).state() : null;
    List<String> districts = found.districts().stream().map(Officials.District::label).toList();
    return new Resolved(targets, state, districts, skipped);
  }

  private static boolean hasDistrict(Officials.Lookup found, String chamber) {
    return found.districts().stream().anyMatch(d -> chamber.equals(d.chamber()));
  }

  /** Email when the official publishes one, else print (a postal address), else their web form. */
  static Letter.Channel channel(Officials.Official o) {
    if (channelValue(o, "email") != null) {
      return Letter.Channel.EMAIL;
    }
    if (channelValue(o, "print") != null) {
      return Letter.Channel.PRINT;
    }
    return Letter.Channel.CONTACT_FORM;
  }

  private static String contactForm(Officials.Official o) {
    return channelValue(o, "contact-form");
  }

  /** The official's published address of this type (email, print, contact-form), or null. */
  static String channelValue(Officials.Official o, String type) {
    return o.channels().stream()
        .filter(ch -> type.equals(ch.type()))
        .map(Officials.Channel::value)
        .filter(v -> v != null && !v.isBlank())
        .findFirst()
        .orElse(null);
  }

  private String body(Campaigns.CampaignView c, Action a, String state, Officials.Official o) {
    String letter =
        Campaigns.render(
            c.letterTemplate(),
            Campaigns.fields(
                a.firstName().strip(),
                a.lastName().strip(),
                blankToNull(a.city()),
                state,
                Officials.zip5(a.zip()),
                o,
                a.personalNote() == null ? "" : a.personalNote().strip()));
    String place =
        String.join(", ", Stream.of(blankToNull(a.city()), state).filter(s -> s != null).toList());
    return letter
        + "\n\nSincerely,\n"
        + a.firstName().strip()
        + " "
        + a.lastName().strip()
        + "\n"
        + (place.isEmpty() ? "" : place + " ")
        + Officials.zip5(a.zip())
        + "\n"
        + a.email().strip();
  }

  private static String addressBlock(Action a, String state) {
    return a.firstName().strip()
        + " "
        + a.lastName().strip()
        + "\n"
        + a.address().strip()
        + "\n"
        + (a.city() == null || a.city().isBlank() ? "" : a.city().strip() + ", ")
        + (state == null ? "" : state + " ")
        + Officials.zip5(a.zip());
  }

  private Campaigns.CampaignView openCampaign(String slug) {
    Campaigns.CampaignView c =
        campaigns
            .find(slug)
            .filter(x -> !"draft".equals(x.status()))
            .orElseThrow(() -> ProblemException.notFound("There is no campaign " + slug + "."));
    if (!c.open(org.today())) {
      throw ProblemException.conflict(
          "campaign-closed", "This campaign is not taking letters now. Thank you for caring.");
    }
    return c;
  }

  private Optional<Long> actionId(long campaignId, String emailKey) {
    @SuppressWarnings("unchecked")
    List<Number> ids =
        em.createNativeQuery(
                "select id from campaign_action where campaign_id = ?1 and email_key = ?2")
            .setParameter(1, campaignId)
            .setParameter(2, emailKey)
            .getResultList();
    return ids.stream().findFirst().map(Number::longValue);
  }

  private List<LetterView> letters(long actionId) {
    List<Letter> written =
        em.createNamedQuery("Letter.ofAction", Letter.class)
            .setParameter("action", actionId)
            .getResultList();
    Map<Long, Outbox.Delivery> mail =
        outbox.deliveries(written.stream().map(Letter::outboxId).toList());
    return written.stream().map(l -> l.view(mail.get(l.outboxId()))).toList();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
