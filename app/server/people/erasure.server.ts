import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Database } from "../../../db/schema";
import { ERASED_NOTE_TEXT, type ErasureChange } from "../../domain/erasure";
import { escapeHtml } from "../mail/compose.server";
import { excerpt } from "../../domain/digests";
import { SYSTEM_ACTOR, type AuditActor } from "../platform/audit.server";
import { resetLinkReach } from "../auth/password-resets.server";
import { ConflictError, ExplainedForbiddenError, InputError, NotFoundError } from "../platform/errors.server";
import { notifyPlanChanged } from "../platform/live.server";
import { accountWrite, partnershipWrite, recorded, unchanged, type AccountEventFacts, type Trx } from "../platform/write.server";

// Erasure that keeps the story. At a person's request their name and email
// are replaced, everywhere the database holds them, by "Former member N" and
// an address that goes nowhere; what only served them (sessions, password,
// reset links, calendar feed, email settings and queued emails, invitations)
// is deleted; their progress notes keep their date and action, and their text
// only where the partnership's policy says so. The history still reads in
// sentences: events name people by id, so they now say "Former member N".
// The database lets history be rewritten only inside the transaction that
// marks the person erased and records it (db/migrations/0016).

export { ERASED_NOTE_TEXT, type ErasureChange };

const PLACEHOLDER_DOMAIN = "erased.invalid";
/** Tables the generic search leaves alone: the person's own row is rewritten on purpose, and the migrator's are not data. */
const NOT_SEARCHED = new Set(["users", "kysely_migration", "kysely_migration_lock"]);

export interface ErasurePlan {
  userId: string;
  displayName: string;
  email: string;
  formerMember: number;
  pseudonym: string;
  placeholderEmail: string;
  partnerships: Array<{ id: string; name: string; keepsNoteText: boolean }>;
  changes: ErasureChange[];
}

/** What erasing the person with this email (or, from the People page, this id) would change, without changing anything. */
export async function planErasure(db: Kysely<Database>, who: string | { userId: string }): Promise<ErasurePlan> {
  const person = await findPerson(db, who);
  return { ...person, changes: await countChanges(db, person) };
}

/**
 * Erases the person with this email, in one transaction with its audit event
 * (one in each of their partnerships' trails). `actor`: the operator on the
 * command line unless said.
 */
export const erasePerson = accountWrite("erasePerson", async (trx, rawEmail: string, actor: AuditActor = SYSTEM_ACTOR) => {
  const person = await findPerson(trx, rawEmail, { lock: true });
  const changes = await carryOut(trx, person);
  return recorded<AccountEventFacts, ErasurePlan>(
    { actor, ...erasureEvent(person, changes), notifyPlanIds: await plansShowing(trx, person) },
    { ...person, changes },
  );
});

/**
 * An admin's erasure, from the People page, after typing the person's email
 * to confirm. As with a reset link, the admin must run every partnership the
 * person belongs to: an erasure reaches all of them.
 */
export const erasePersonAsAdmin = partnershipWrite("erasePersonAsAdmin", async ({ trx, actor, authorize }, userId: string, typedEmail: string) => {
  authorize("partnership.manageMembers");
  if (userId === actor.userId) throw new ConflictError("You cannot erase your own data here: ask another admin, or the site's operator.");
  const person = await findPerson(trx, { userId }, { lock: true });
  if (!person.partnerships.some((partnership) => partnership.id === actor.partnershipId)) throw new NotFoundError("That person's membership");
  if (!(await resetLinkReach(trx, actor.userId, [userId])).has(userId)) {
    throw new ExplainedForbiddenError("partnership.manageMembers", beyondReach(person.displayName));
  }
  if (typedEmail.trim().toLowerCase() !== person.email) throw new InputError("email", `Type ${person.displayName}'s email address, as shown, to confirm`);
  const changes = await carryOut(trx, person);
  for (const planId of await plansShowing(trx, person)) await notifyPlanChanged(trx, { planId, actorUserId: actor.userId });
  return recorded(erasureEvent(person, changes), { ...person, changes });
});

/**
 * A partnership's policy, set by the operator as the partnership decides: whether an
 * erased person's progress notes keep their text (with their name replaced in it).
 */
export const setErasurePolicy = accountWrite("setErasurePolicy", async (trx, slug: string, keepsNoteText: boolean) => {
  const partnership = await trx.selectFrom("partnerships").select(["id", "erasureKeepsNoteText"]).where("slug", "=", slug).forUpdate().executeTakeFirst();
  if (!partnership) throw new InputError("slug", `There is no partnership ${slug}`);
  if (partnership.erasureKeepsNoteText === keepsNoteText) return unchanged(false);
  await trx.updateTable("partnerships").set({ erasureKeepsNoteText: keepsNoteText }).where("id", "=", partnership.id).execute();
  return recorded<AccountEventFacts, boolean>(
    {
      actor: SYSTEM_ACTOR,
      partnershipId: partnership.id,
      entityType: "partnership",
      entityId: partnership.id,
      verb: "erasure_policy_changed",
      changes: { erasureKeepsNoteText: { before: partnership.erasureKeepsNoteText, after: keepsNoteText } },
    },
    true,
  );
});

/** Why an admin may not erase someone: words for the page and the refusal alike. */
export function beyondReach(displayName: string): string {
  return (
    `${displayName} also belongs to a partnership you are not an admin of, so you cannot erase their data: ` +
    `an erasure reaches every partnership they belong to. An admin of all of them can, or the site's operator.`
  );
}

function erasureEvent(person: Person, changes: ErasureChange[]) {
  const notes = changes.find((change) => change.place === "progress_notes.body" && change.change === "text removed")?.rows ?? 0;
  return {
    entityType: "user",
    entityId: person.userId,
    verb: "erased",
    // Nothing of what was erased: the new name's number, and what became of the notes.
    context: { formerMember: person.formerMember, notesTextRemoved: notes },
    partnershipIds: person.partnerships.map((partnership) => partnership.id),
  };
}

/** The plans of the person's partnerships, whose pages may show their name: their live viewers and kept copies are told. */
async function plansShowing(trx: Trx, person: Person): Promise<string[]> {
  if (person.partnerships.length === 0) return [];
  const plans = await trx
    .selectFrom("plans")
    .select("id")
    .where(
      "partnershipId",
      "in",
      person.partnerships.map((partnership) => partnership.id),
    )
    .execute();
  return plans.map((plan) => plan.id);
}

type Person = Omit<ErasurePlan, "changes">;

async function findPerson(db: Kysely<Database>, who: string | { userId: string }, { lock = false } = {}): Promise<Person> {
  // One erasure at a time, so two never take the same number.
  if (lock) await sql`select pg_advisory_xact_lock(hashtext('partnership_board.erasure'))`.execute(db);
  let query = db.selectFrom("users").select(["id", "displayName", "email", "erasedAt"]);
  if (typeof who === "string") {
    const email = who.trim().toLowerCase();
    if (!email.includes("@")) throw new InputError("email", "Give the email address of the person to erase");
    query = query.where("email", "=", email);
  } else {
    query = query.where("id", "=", who.userId);
  }
  if (lock) query = query.forUpdate();
  const user = await query.executeTakeFirst();
  if (!user) {
    if (typeof who === "string") throw new InputError("email", `There is no account for ${who.trim().toLowerCase()}`);
    throw new NotFoundError("That person");
  }
  if (user.erasedAt) throw new ConflictError(`${user.displayName} was erased already, on ${user.erasedAt.toISOString().slice(0, 10)}.`);
  const partnerships = await db
    .selectFrom("partnershipMemberships as m")
    .innerJoin("partnerships as p", "p.id", "m.partnershipId")
    .select(["p.id", "p.name", "p.erasureKeepsNoteText as keepsNoteText"])
    .where("m.userId", "=", user.id)
    .orderBy("p.name")
    .execute();
  for (const partnership of partnerships) await ensureAnotherAdmin(db, partnership, user, lock);
  const { count } = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("erasedAt", "is not", null)
    .executeTakeFirstOrThrow();
  const formerMember = Number(count) + 1;
  return {
    userId: user.id,
    displayName: user.displayName,
    email: user.email,
    formerMember,
    pseudonym: `Former member ${formerMember}`,
    placeholderEmail: `former-member-${formerMember}@${PLACEHOLDER_DOMAIN}`,
    partnerships,
  };
}

/** A partnership is never left without an active admin (as when an admin disables someone). */
async function ensureAnotherAdmin(db: Kysely<Database>, partnership: { id: string; name: string }, user: { id: string; displayName: string }, lock: boolean) {
  let query = db
    .selectFrom("partnershipMemberships")
    .select("userId")
    .where("partnershipId", "=", partnership.id)
    .where("role", "=", "admin")
    .where("disabledAt", "is", null)
    .orderBy("userId");
  if (lock) query = query.forUpdate();
  const admins = (await query.execute()).map((admin) => admin.userId);
  if (admins.length === 1 && admins[0] === user.id) {
    throw new ConflictError(`${user.displayName} is the only admin of ${partnership.name}. Make someone else an admin there first.`);
  }
}

// ── What is deleted ──────────────────────────────────────────────────────

/** Rows that only served the person: deleted, not rewritten. */
function deletions(person: Person): Array<{ table: string; where: RawBuilder<boolean> }> {
  const { userId, email } = person;
  return [
    { table: "sessions", where: sql<boolean>`user_id = ${userId}` },
    { table: "password_resets", where: sql<boolean>`user_id = ${userId}` },
    { table: "calendar_feeds", where: sql<boolean>`user_id = ${userId}` },
    { table: "email_preferences", where: sql<boolean>`user_id = ${userId}` },
    { table: "email_opt_outs", where: sql<boolean>`user_id = ${userId}` },
    { table: "email_outbox", where: sql<boolean>`(user_id = ${userId} or lower(to_address) = ${email})` },
    { table: "invitations", where: sql<boolean>`(lower(email) = ${email} or accepted_by = ${userId})` },
    { table: "login_throttles", where: sql<boolean>`key in (${`account:${email}`}, ${`reset-account:${email}`})` },
  ];
}

// ── What is searched and replaced ────────────────────────────────────────

interface Column {
  table: string;
  column: string;
  json: "json" | "jsonb" | null;
}

async function searchedColumns(db: Kysely<Database>): Promise<Column[]> {
  const { rows } = await sql<{ tableName: string; columnName: string; dataType: string }>`
    select c.table_name, c.column_name, c.data_type
    from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE' and c.data_type in ('text', 'character varying', 'json', 'jsonb')
    order by c.table_name, c.ordinal_position
  `.execute(db);
  return rows
    .filter((row) => !NOT_SEARCHED.has(row.tableName))
    .map((row) => ({ table: row.tableName, column: row.columnName, json: row.dataType === "json" || row.dataType === "jsonb" ? row.dataType : null }));
}

/** The forms the name and email take in stored text: as written, in HTML, and (in JSON columns) JSON-escaped. */
function replacements(person: Person, json: boolean): Array<{ pattern: string; by: string }> {
  const pairs: Array<[string, string]> = [];
  for (const [found, by] of [
    [person.displayName, person.pseudonym],
    [person.email, person.placeholderEmail],
  ] as const) {
    for (const form of new Set([found, escapeHtml(found)])) pairs.push([json ? JSON.stringify(form).slice(1, -1) : form, by]);
  }
  // Not part of a longer word: "Sam Patel" is not erased from "Sam Patelson".
  return pairs.map(([found, by]) => ({ pattern: `(?<![[:alnum:]_])${escapeRegex(found)}(?![[:alnum:]_])`, by }));
}

function matches(column: Column, person: Person): RawBuilder<boolean> {
  const text = columnText(column);
  const alternatives = replacements(person, column.json !== null).map(({ pattern }) => sql`${text} ~* ${pattern}`);
  return sql<boolean>`(${sql.join(alternatives, sql` or `)})`;
}

function replaced(column: Column, person: Person): RawBuilder<unknown> {
  let value: RawBuilder<unknown> = columnText(column);
  for (const { pattern, by } of replacements(person, column.json !== null)) value = sql`regexp_replace(${value}, ${pattern}, ${by}, 'gi')`;
  return column.json ? sql`(${value})::${sql.raw(column.json)}` : value;
}

function columnText(column: Column): RawBuilder<string> {
  return column.json ? sql<string>`${sql.ref(column.column)}::text` : sql<string>`${sql.ref(column.column)}`;
}

// ── Counting, and carrying out ───────────────────────────────────────────

/** The person's notes whose text goes: those in partnerships that do not keep it. */
function notesLosingText(db: Kysely<Database>, person: Person) {
  return db
    .selectFrom("progressNotes as n")
    .innerJoin("actions as a", "a.id", "n.actionId")
    .innerJoin("plans as p", "p.id", "a.planId")
    .innerJoin("partnerships as pa", "pa.id", "p.partnershipId")
    .select(["n.id", "n.body"])
    .where("n.authorId", "=", person.userId)
    .where("pa.erasureKeepsNoteText", "=", false)
    .where("n.body", "!=", ERASED_NOTE_TEXT);
}

async function countChanges(db: Kysely<Database>, person: Person): Promise<ErasureChange[]> {
  const changes: ErasureChange[] = [{ place: "users", rows: 1, change: "replaced" }];
  const gone = deletions(person);
  for (const { table, where } of gone) changes.push({ place: table, rows: await countRows(db, table, where), change: "deleted" });
  changes.push({ place: "partnership_memberships", rows: await countRows(db, "partnership_memberships", activeMemberships(person)), change: "ended" });
  for (const column of await searchedColumns(db)) {
    const deleted = gone.find((deletion) => deletion.table === column.table)?.where;
    const where = deleted ? sql<boolean>`${matches(column, person)} and not coalesce(${deleted}, false)` : matches(column, person);
    changes.push({ place: `${column.table}.${column.column}`, rows: await countRows(db, column.table, where), change: "replaced" });
  }
  const notes = await notesLosingText(db, person).execute();
  changes.push({ place: "progress_notes.body", rows: notes.length, change: "text removed" });
  const events = notes.length ? await countRows(db, "audit_events", eventsOfNotes(notes.map((note) => note.id))) : 0;
  changes.push({ place: "audit_events.changes", rows: events, change: "text removed" });
  return changes.filter((change) => change.rows > 0);
}

async function carryOut(trx: Trx, person: Person): Promise<ErasureChange[]> {
  // First the mark that opens history to this erasure, and to no other transaction (db/migrations/0016).
  await trx
    .updateTable("users")
    .set({
      displayName: person.pseudonym,
      email: person.placeholderEmail,
      passwordHash: null,
      passwordChangedAt: null,
      nameShownPublicly: false,
      disabledAt: sql<Date>`coalesce(disabled_at, now())`,
      erasedAt: sql<Date>`now()`,
    })
    .where("id", "=", person.userId)
    .execute();
  await sql`select set_config('partnership_board.erasing', ${person.userId}, true)`.execute(trx);

  const changes: ErasureChange[] = [{ place: "users", rows: 1, change: "replaced" }];
  for (const { table, where } of deletions(person)) {
    const { numAffectedRows } = await sql`delete from ${sql.table(table)} where ${where}`.execute(trx);
    changes.push({ place: table, rows: Number(numAffectedRows ?? 0), change: "deleted" });
  }
  const ended = await sql`update partnership_memberships set disabled_at = now() where ${activeMemberships(person)}`.execute(trx);
  changes.push({ place: "partnership_memberships", rows: Number(ended.numAffectedRows ?? 0), change: "ended" });
  for (const column of await searchedColumns(trx)) {
    const { numAffectedRows } = await sql`update ${sql.table(column.table)} set ${sql.ref(column.column)} = ${replaced(column, person)}
      where ${matches(column, person)}`.execute(trx);
    changes.push({ place: `${column.table}.${column.column}`, rows: Number(numAffectedRows ?? 0), change: "replaced" });
  }
  const removed = await removeNoteText(trx, person);
  changes.push({ place: "progress_notes.body", rows: removed.notes, change: "text removed" });
  changes.push({ place: "audit_events.changes", rows: removed.events, change: "text removed" });
  return changes.filter((change) => change.rows > 0);
}

/**
 * The text of the person's notes, where it goes: in the note, in the event
 * that recorded it, and in the copies review snapshots and emails hold. Read
 * after the name is replaced, as the copies now hold it.
 */
async function removeNoteText(trx: Trx, person: Person): Promise<{ notes: number; events: number }> {
  const notes = await notesLosingText(trx, person).execute();
  if (notes.length === 0) return { notes: 0, events: 0 };
  const ids = notes.map((note) => note.id);
  await trx.updateTable("progressNotes").set({ body: ERASED_NOTE_TEXT }).where("id", "in", ids).execute();
  const events = await sql`update audit_events set changes = jsonb_set(changes, '{body,after}', to_jsonb(${ERASED_NOTE_TEXT}::text))
    where ${eventsOfNotes(ids)}`.execute(trx);
  // Matched with what surrounds each copy, so a short note ("Done.") never takes other text with it.
  for (const { body } of notes) {
    const inSnapshot = `"body": ${JSON.stringify(body)}`;
    await sql`update reviews set snapshot = replace(snapshot::text, ${inSnapshot}, ${`"body": ${JSON.stringify(ERASED_NOTE_TEXT)}`})::jsonb
      where strpos(snapshot::text, ${inSnapshot}) > 0`.execute(trx);
    // A digest quotes a note's first words after its author's name, which is already the new one.
    const quoted = `${person.pseudonym}: “${excerpt(body)}”`;
    const unquoted = `${person.pseudonym}: “${ERASED_NOTE_TEXT}”`;
    await sql`update email_outbox set text_body = replace(text_body, ${quoted}, ${unquoted}),
        html_body = replace(html_body, ${escapeHtml(quoted)}, ${escapeHtml(unquoted)})
      where strpos(text_body, ${quoted}) > 0 or strpos(html_body, ${escapeHtml(quoted)}) > 0`.execute(trx);
  }
  return { notes: notes.length, events: Number(events.numAffectedRows ?? 0) };
}

/** The events that recorded these notes, with their text. */
function eventsOfNotes(noteIds: string[]): RawBuilder<boolean> {
  return sql<boolean>`entity_type = 'progress_note' and entity_id in (${sql.join(noteIds)}) and changes ? 'body'`;
}

function activeMemberships(person: Person): RawBuilder<boolean> {
  return sql<boolean>`user_id = ${person.userId} and disabled_at is null`;
}

async function countRows(db: Kysely<Database>, table: string, where: RawBuilder<boolean>): Promise<number> {
  const { rows } = await sql<{ count: string }>`select count(*) as count from ${sql.table(table)} where ${where}`.execute(db);
  return Number(rows[0]?.count ?? 0);
}

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, "\\$&");
}
