import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "./support/app";
import { dataFingerprint, formCases, type FormCase } from "./support/forms";
import { client, signedIn, type Client } from "./support/http";
import { engine } from "./support/test-database";

// What browsers never send but attackers do, against every form: each is
// refused with a 4xx and a message, writes nothing, and no redirect leaves the site.

let app: TestApp;
let admin: Client;
/** Sam Patel, whose group stewards the plan: may change everything on the board. */
let leader: Client;
let forms: FormCase[];
let planPath: string;

beforeAll(async () => {
  app = await startApp();
  admin = await signedIn(app.url, "admin@demo.test");
  leader = await signedIn(app.url, "leader@demo.test");
  forms = await formCases(app, admin);
  planPath = forms.find((form) => form.name === "board: move")!.path;
});
afterAll(() => app?.close());

/** Where a Location header sends the browser, or null when it stays on this site. */
function offSite(location: string | null): string | null {
  if (location === null) return null;
  const target = new URL(location, app.url);
  return target.origin === new URL(app.url).origin ? null : target.href;
}

/** The status, or "connection closed" when the server hung up on a body it would not read. */
function statusOf(request: Promise<Response>): Promise<number | "connection closed"> {
  return request.then(
    (response) => response.status,
    () => "connection closed" as const,
  );
}

function send(path: string, body: BodyInit | null, headers: Record<string, string>, who: Client = admin) {
  return fetch(new URL(path, app.url), {
    method: "POST",
    redirect: "manual",
    body,
    headers: { Origin: new URL(app.url).origin, ...(who.cookie ? { Cookie: who.cookie } : {}), ...headers },
  });
}

describe(`redirects stay on this site, on ${engine}`, () => {
  const targets = [
    "/.//evil.example",
    "/p/../..//evil.example",
    "/%2e%2e//evil.example",
    "//evil.example",
    "/\\evil.example",
    "/%2f%2fevil.example",
    "/%5cevil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "https://evil.example/",
    "http:evil.example",
  ];

  it.each(targets)("signed in, GET /login?redirectTo=%j", async (target) => {
    const response = await admin.get(`/login?redirectTo=${encodeURIComponent(target)}`);
    expect(response.status).toBe(302);
    expect(offSite(response.headers.get("Location"))).toBeNull();
  });

  it.each(targets)("POST /login with redirectTo=%j", async (target) => {
    const response = await client(app.url).post("/login", { email: "leader@demo.test", password: "partnership-demo", redirectTo: target });
    expect(response.status).toBe(302);
    expect(offSite(response.headers.get("Location"))).toBeNull();
  });

  it.each(targets)("the board's Move… form without JavaScript with redirectTo=%j", async (target) => {
    const move = forms.find((form) => form.name === "board: move")!;
    const response = await leader.post(move.path, { ...move.fields, status: "in_progress", redirectTo: target });
    expect(response.status).toBe(302);
    expect(offSite(response.headers.get("Location"))).toBeNull();
  });
});

describe(`bodies that are not forms, on ${engine}`, () => {
  const bodies: [string, BodyInit | null, Record<string, string>][] = [
    ["JSON", JSON.stringify({ email: "a@b.c" }), { "Content-Type": "application/json" }],
    ["plain text", "email=a@b.c", { "Content-Type": "text/plain" }],
    ["no body and no type", null, {}],
  ];

  it("answers 415 with a message on every form's address, and writes nothing", async () => {
    const before = await dataFingerprint(app);
    for (const path of new Set(forms.map((form) => form.path))) {
      for (const [what, body, headers] of bodies) {
        const response = await send(path, body, headers);
        expect(response.status, `${what} to ${path}`).toBe(415);
        expect(await response.text(), `${what} to ${path}`).toContain("send the form from there");
      }
    }
    expect(await dataFingerprint(app)).toEqual(before);
  });

  it("signs out whatever the body of the sign-out request, without an error", async () => {
    const person = await signedIn(app.url, "councillor@demo.test");
    const response = await send("/logout", "{}", { "Content-Type": "application/json" }, person);
    expect(response.status).toBe(302);
  });

  it("reads a form that declares no charset or an odd boundary, as browsers may send them", async () => {
    const multipart = new FormData();
    multipart.set("email", "leader@demo.test");
    multipart.set("password", "partnership-demo");
    expect((await send("/login", multipart, {}, client(app.url))).status).toBe(302);
    const broken = await send("/login", "--x\r\nnot a part", { "Content-Type": "multipart/form-data; boundary=x" }, client(app.url));
    expect(broken.status).toBe(400);
    expect(await broken.text()).toContain("The form could not be read");
  });
});

describe(`NUL bytes, on ${engine}`, () => {
  it("refuses a NUL byte in every text field of every form with 400 and a message, writing nothing", async () => {
    const before = await dataFingerprint(app);
    const anonymous = client(app.url);
    let tried = 0;
    for (const form of forms) {
      for (const field of form.textFields) {
        const who = form.name === "sign in" || form.name.startsWith("invitation") ? anonymous : admin;
        const response = await who.post(form.path, { ...form.fields, [field]: `before\u0000after` });
        expect(response.status, `${form.name}: ${field}`).toBe(400);
        expect(await response.text(), `${form.name}: ${field}`).toContain("NUL character");
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(20);
    expect(await dataFingerprint(app)).toEqual(before);
  });

  it("refuses a NUL byte in an address with 400, wherever it is", async () => {
    for (const path of ["/p/a%00b", "/p/portsmouth/groups/a%00b", `${planPath}?q=a%00b`, `${planPath}/history?person=%00`, "/invitations/a%00b"]) {
      const response = await admin.get(path);
      expect(response.status, path).toBe(400);
      expect(await response.text(), path).toContain("contains a character");
    }
  });

  it("treats a session cookie with a NUL byte as no session", async () => {
    const forged = client(app.url);
    forged.cookie = "pb_session=ab%00c.def";
    expect((await forged.get("/account")).status).toBe(302);
    expect((await forged.get("/login")).status).toBe(200);
  });
});

describe(`form fields that are not what they seem, on ${engine}`, () => {
  it("takes a multipart file part named __proto__ as just another field", async () => {
    const group = forms.find((form) => form.name === "group: update")!;
    for (const path of ["/p/portsmouth/groups", group.path]) {
      const body = new FormData();
      body.set("__proto__", new Blob(["name=Injected"]), "proto.txt");
      if (path !== "/p/portsmouth/groups") body.set("intent", "update");
      body.set("name", `Named by its field ${path.length}`);
      body.set("sector", "public");
      const response = await send(path, body, {});
      expect(response.status, path).toBe(200);
    }
    const names = (await app.db.selectFrom("groups").select("name").execute()).map((row) => row.name);
    expect(names).not.toContain("Injected");
    expect(names.filter((name) => name.startsWith("Named by its field"))).toHaveLength(2);
  });

  it("refuses a file where text is expected", async () => {
    const body = new FormData();
    body.set("name", new Blob(["A group"]), "name.txt");
    body.set("sector", "public");
    const response = await send("/p/portsmouth/groups", body, {});
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Enter a group name");
  });

  it.each([
    ["lead people", "action: update", "leadUserIds", "Choose at most 50 lead people"],
    ["lead groups", "action: update", "leadGroupIds", "Choose at most 50 lead groups"],
    ["steward groups of a new plan", "plans: create", "stewardGroupIds", "Choose at most 50 steward groups"],
    ["steward groups in settings", "plan settings", "stewardGroupIds", "Choose at most 50 steward groups"],
    ["obstacle categories of an action", "action: set obstacles", "obstacleCategoryIds", "Choose at most 50 obstacle categories"],
  ])("refuses 65,536 %s with a message naming the limit", async (_what, name, field, message) => {
    const form = forms.find((candidate) => candidate.name === name)!;
    const before = await dataFingerprint(app);
    const manyIds = Array.from({ length: 65_536 }, () => crypto.randomUUID());
    // 65,536 ids are over 3 MB: refused before they are read. The server closes
    // the connection as it answers, so a client still sending may see only that.
    expect([413, "connection closed"]).toContain(await statusOf(admin.post(form.path, { ...form.fields, [field]: manyIds })));
    const tooMany = await admin.post(form.path, { ...form.fields, [field]: manyIds.slice(0, 1_001) });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.text()).toContain("more than 1,000 fields");
    const justOver = await admin.post(form.path, { ...form.fields, [field]: manyIds.slice(0, 51) });
    expect(justOver.status).toBe(400);
    expect(await justOver.text()).toContain(message);
    expect(await dataFingerprint(app)).toEqual(before);
  });

  it("refuses 5,000 outside bodies with a message naming the limit", async () => {
    const form = forms.find((candidate) => candidate.name === "action: update")!;
    const outsideBodies = Array.from({ length: 5_000 }, (_, index) => `Body ${index}`).join("\n");
    const response = await admin.post(form.path, { ...form.fields, outsideBodies });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Name at most 50 outside bodies");
  });
});

describe(`bodies too large to read, on ${engine}`, () => {
  it("answers an anonymous 50 MB sign-in with 413 before reading it", async () => {
    const response = await send("/login", `email=${"a".repeat(50 * 1024 * 1024)}`, { "Content-Type": "application/x-www-form-urlencoded" }, client(app.url));
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("too large");
  });

  it("stops reading a body that does not say its size once it passes what is worth reading", async () => {
    let sent = 0;
    const chunk = new Uint8Array(64 * 1024).fill(97);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        if (sent > 200 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const outcome = await statusOf(
      fetch(new URL("/login", app.url), {
        method: "POST",
        body: endless,
        duplex: "half",
        headers: { Origin: new URL(app.url).origin, "Content-Type": "application/x-www-form-urlencoded" },
      } as RequestInit),
    );
    // Either answer is fine; what matters is that the server stopped reading.
    expect([413, "connection closed"]).toContain(outcome);
    // The limit is 1 MiB; the rest is read and thrown away up to 32 MiB in all (MAX_DISCARDED_BODY_BYTES,
    // so that a 413 reaches a client still sending), and what is sent past that sits in socket
    // buffers until the server hangs up.
    expect(sent).toBeLessThan((32 + 16) * 1024 * 1024);
  });
});

/**
 * Sends `bytes` to `path` as a client still uploading would, with Node's own http
 * client: declaring the length, or chunked without one. Resolves once the response
 * has arrived and the upload has ended, with the status and page, or with the
 * code of the error (EPIPE, ECONNRESET) that cut either short.
 */
function upload(path: string, bytes: number, framing: "declared" | "chunked"): Promise<{ status: number; page: string } | { error: string }> {
  return new Promise((resolve) => {
    let answer: { status: number; page: string } | null = null;
    let uploaded = false;
    const settle = () => {
      if (answer && uploaded) resolve(answer);
    };
    const fail = (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message });
    const request = http.request(new URL(path, app.url), {
      method: "POST",
      headers: {
        Origin: new URL(app.url).origin,
        "Content-Type": "application/x-www-form-urlencoded",
        ...(framing === "declared" ? { "Content-Length": String(bytes) } : {}),
      },
    });
    request.on("error", fail);
    request.on("finish", () => {
      uploaded = true;
      settle();
    });
    request.on("response", (response) => {
      let page = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (page += chunk));
      response.on("error", fail);
      response.on("end", () => {
        answer = { status: response.statusCode!, page };
        settle();
      });
    });
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    const write = () => {
      while (sent < bytes) {
        const piece = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
        sent += piece.length;
        if (!request.write(piece)) return void request.once("drain", write);
      }
      request.end();
    };
    write();
  });
}

describe(`a body over the limit, while the client is still sending it, on ${engine}`, () => {
  for (const framing of ["declared", "chunked"] as const) {
    it(`answers 413 with its message every time, the length ${framing === "declared" ? "declared" : "not declared (chunked)"}`, async () => {
      const answers = [];
      for (let attempt = 0; attempt < 10; attempt += 1) answers.push(await upload("/login", 20 * 1024 * 1024, framing));
      const seen = answers.map((answer) =>
        "error" in answer ? answer.error : `${answer.status} ${/too large/.test(answer.page) ? "with" : "without"} its message`,
      );
      expect(seen).toEqual(Array(10).fill("413 with its message"));
    });
  }
});

describe(`password guessing on Your account, on ${engine}`, () => {
  it("counts wrong current passwords like failed sign-ins: 30 at once, at most 6 checked", async () => {
    const person = await signedIn(app.url, "officer@demo.test");
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, attempt) =>
        person.post("/account", { intent: "change-password", currentPassword: `guess ${attempt}`, newPassword: "a new passphrase here" }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 400).length).toBeLessThanOrEqual(6);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(24);
    const throttled = answers.find((answer) => answer.status === 429)!;
    expect(Number(throttled.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await throttled.text()).toContain("Too many wrong passwords");
    // The account's sign-in is held back too: the same guesses, by another door.
    const signIn = await client(app.url).post("/login", { email: "officer@demo.test", password: "partnership-demo" });
    expect(signIn.status).toBe(429);
  });
});

describe(`refusals without JavaScript say why and keep what was typed, on ${engine}`, () => {
  it("shows why Move… was refused, on the Move page as it was sent", async () => {
    const confirmed = await app.db
      .selectFrom("actions")
      .select(["id", "objectiveId"])
      .where("status", "=", "done")
      .where("completionConfirmedAt", "is not", null)
      .executeTakeFirstOrThrow();
    const movePath = `${planPath}/actions/${confirmed.id}/move`;
    const move = { intent: "move", actionId: confirmed.id, objectiveId: confirmed.objectiveId, status: "in_progress", placement: "top" };
    const withoutReason = await leader.post(movePath, { ...move, reason: "" });
    expect(withoutReason.status).toBe(400);
    const page = await withoutReason.text();
    expect(page).toContain('<a href="#move-reason">Give a reason for reopening a confirmed action</a>');
    expect(page).toContain(`<option value="in_progress" selected="">`);
    expect(page).toContain(`<option value="top" selected="">`);

    const reason = "x".repeat(2001);
    const tooLong = await leader.post(movePath, { ...move, reason });
    expect(tooLong.status).toBe(400);
    const again = await tooLong.text();
    expect(again).toContain("Keep the reason to 2,000 characters");
    expect(again).toContain(`>${reason}</textarea>`);
  });

  it("says a request it does not understand is not understood, whatever its intent is called", async () => {
    const response = await leader.post(planPath, { intent: "toString", redirectTo: planPath });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("<li>That request was not understood</li>");
  });

  it("shows why a new objective was refused, with its title kept", async () => {
    const title = "t".repeat(501);
    const response = await leader.post(planPath, { intent: "create-objective", id: crypto.randomUUID(), title, redirectTo: planPath });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain("Could not add the objective: Objective must be 500 characters or fewer");
    expect(page).toContain(`>${title}</textarea>`);
  });

  it("shows why an action's save was refused, with every field as it was typed, none cut short", async () => {
    const update = forms.find((form) => form.name === "action: update")!;
    const title = "A title far too long. ".repeat(30);
    const response = await leader.post(update.path, { ...update.fields, title, timescaleText: "31/02/2011", outsideBodies: "JSNA team\nHealthwatch" });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain("Title must be 500 characters or fewer");
    expect(page).toContain(`value="${title}"`);
    expect(page).toContain(`${title.trim().length} of 500 characters: ${title.trim().length - 500} too many`);
    expect(page).toContain('value="31/02/2011"');
    expect(page).toContain(">JSNA team\nHealthwatch</textarea>");
  });

  it("shows a refused note whole, and counts its line breaks as the box does", async () => {
    const note = forms.find((form) => form.name === "action: add note")!;
    const tooLong = "Too long. ".repeat(1_001);
    const refused = await leader.post(note.path, { intent: "add-note", body: tooLong });
    expect(refused.status).toBe(400);
    const page = await refused.text();
    expect(page).toContain("Notes must be 10,000 characters or fewer");
    expect(page).toContain(`>${tooLong}</textarea>`);

    // 10,001 characters as a browser sends them without JavaScript, 10,000 as the box counted them.
    const body = `${"x".repeat(4_999)}\r\n${"y".repeat(5_000)}`;
    const saved = await leader.post(note.path, { intent: "add-note", body });
    expect(saved.status).toBe(200);
    const stored = await app.db.selectFrom("progressNotes").select("body").where("body", "like", "xxxx%").executeTakeFirstOrThrow();
    expect(stored.body).toBe(`${"x".repeat(4_999)}\n${"y".repeat(5_000)}`);
  });

  it("shows an obstacle category refused for its length whole, to be shortened", async () => {
    const add = forms.find((form) => form.name === "obstacle categories: add")!;
    const description = "Old suspicions between the sectors. ".repeat(40);
    const response = await leader.post(add.path, { intent: "add-obstacle", name: "Trust", description });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain("Description must be 1,000 characters or fewer");
    expect(page).toContain(`>${description}</textarea>`);
  });
});
