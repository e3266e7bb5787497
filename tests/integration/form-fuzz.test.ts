import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "./support/app";
import { dataFingerprint, formCases, type FormCase } from "./support/forms";
import { client, signedIn, type Client } from "./support/http";
import { engine } from "./support/test-database";
import { checkProperty, PROPERTY_RUNS } from "../support/property";

// Property: whatever a form is sent (odd text, NUL bytes, lists where one
// value belongs, fields named after object properties, multipart or not), the
// answer is never a server error, and a refused form writes nothing.

const RUNS_PER_FORM = PROPERTY_RUNS.formFuzzPerForm;
// Every form × RUNS_PER_FORM requests, about 1,500: under a minute on a quiet machine, several
// when it is shared with other work, so the test gets more than the suite's 60 s.
const TIME_FOR_ALL_FORMS_MS = 480_000;

let app: TestApp;
let forms: FormCase[];
let people: Record<"admin" | "leader" | "anonymous", Client>;

beforeAll(async () => {
  app = await startApp();
  const admin = await signedIn(app.url, "admin@demo.test");
  people = { admin, leader: await signedIn(app.url, "leader@demo.test"), anonymous: client(app.url) };
  forms = await formCases(app, admin);
});
afterAll(() => app?.close());

/** Who sends a form: the person whose form it is, so that good values can succeed too. */
function senderOf(form: FormCase): Client {
  // A mail provider's one-click unsubscribe comes with no cookie.
  if (form.name === "sign in" || form.name.startsWith("invitation") || form.name.startsWith("unsubscribe") || form.name === "survey answer")
    return people.anonymous;
  if (form.name.startsWith("survey")) return people.leader;
  if (form.name.startsWith("board") || form.name.startsWith("action") || form.name.startsWith("obstacle")) return people.leader;
  return people.admin;
}

const oddText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "a\u0000b",
    "__proto__",
    "constructor",
    "toString",
    "top",
    "after:00000000-0000-0000-0000-000000000000",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "'; drop table actions; --",
    "x".repeat(5_000),
    "9".repeat(400),
    "-1",
    "NaN",
    "2010-02-30",
    "0000-01-01",
    "on",
  ),
  fc.uuid(),
);

/** A good value spoiled one way or another. */
function spoiled(good: string | string[]) {
  const text = [good].flat()[0] ?? "";
  return fc.oneof(
    oddText,
    fc.constantFrom(`${text}\u0000`, `\u0000${text}`, `${text}${text}`.repeat(200), ` ${text} `, text.toUpperCase()),
    fc.array(fc.oneof(fc.constant(text), oddText), { minLength: 2, maxLength: 6 }),
    fc.constant(undefined),
  );
}

/**
 * Mostly good fields with one or two spoiled, so that most requests get past
 * the first check and reach the code behind it; now and then extra fields.
 */
function fieldsFor(form: FormCase) {
  const known = fc.record(
    Object.fromEntries(
      Object.entries(form.fields).map(([name, good]) => [name, fc.oneof({ arbitrary: fc.constant(good), weight: 3 }, { arbitrary: spoiled(good), weight: 1 })]),
    ),
  );
  const extra = fc.dictionary(fc.constantFrom("__proto__", "constructor", "prototype", "hasOwnProperty", "intent", "pick_title", "theirs"), oddText, {
    maxKeys: 2,
  });
  return fc.tuple(known, fc.oneof({ arbitrary: fc.constant({}), weight: 3 }, { arbitrary: extra, weight: 1 }), fc.boolean());
}

async function sendForm(form: FormCase, fields: Record<string, string | string[] | undefined>, multipart: boolean) {
  const sender = senderOf(form);
  const entries = Object.entries(fields).flatMap(([name, value]) => (value === undefined ? [] : [value].flat().map((item) => [name, item] as const)));
  let body: URLSearchParams | FormData;
  if (multipart) {
    body = new FormData();
    for (const [name, value] of entries) body.append(name, value);
  } else {
    body = new URLSearchParams();
    for (const [name, value] of entries) body.append(name, value);
  }
  return fetch(new URL(form.path, app.url), {
    method: "POST",
    redirect: "manual",
    body,
    headers: { Origin: new URL(app.url).origin, ...(sender.cookie ? { Cookie: sender.cookie } : {}) },
  });
}

describe(`every form under generated input, on ${engine}`, () => {
  it(
    "never answers 5xx, and a refusal writes nothing",
    async () => {
      let sent = 0;
      // Requests go one at a time and nothing else writes, so the data as one request left it is the next one's "before".
      let before = await dataFingerprint(app);
      for (const form of forms) {
        await checkProperty(
          fc.asyncProperty(fieldsFor(form), async ([known, extra, multipart]) => {
            const response = await sendForm(form, { ...known, ...extra }, multipart);
            sent++;
            const page = await response.text();
            expect(response.status, `${form.name}: ${page.slice(0, 300)}`).toBeLessThan(500);
            const after = await dataFingerprint(app);
            if (response.status >= 400) expect(after, form.name).toEqual(before);
            before = after;
          }),
          RUNS_PER_FORM,
        );
      }
      expect(sent).toBe(forms.length * RUNS_PER_FORM);
    },
    TIME_FOR_ALL_FORMS_MS,
  );
});
