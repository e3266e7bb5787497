// A small browser stand-in for HTTP tests: same-origin headers, a cookie jar
// per person, and forms sent as a browser would.

export interface Client {
  cookie: string | null;
  get(path: string, init?: RequestInit): Promise<Response>;
  post(path: string, form: Record<string, string | string[]>, init?: { origin?: string | null; headers?: Record<string, string> }): Promise<Response>;
}

export function client(baseUrl: string): Client {
  const jar: Client = {
    cookie: null,
    async get(path, init = {}) {
      return fetch(new URL(path, baseUrl), {
        redirect: "manual",
        ...init,
        headers: { ...(jar.cookie ? { Cookie: jar.cookie } : {}), ...(init.headers as Record<string, string>) },
      });
    },
    async post(path, form, init = {}) {
      const body = new URLSearchParams();
      for (const [key, value] of Object.entries(form)) for (const item of [value].flat()) body.append(key, item);
      const origin = init.origin === undefined ? new URL(baseUrl).origin : init.origin;
      const response = await fetch(new URL(path, baseUrl), {
        method: "POST",
        redirect: "manual",
        body,
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          ...(origin ? { Origin: origin } : {}),
          ...(jar.cookie ? { Cookie: jar.cookie } : {}),
          ...init.headers,
        },
      });
      const setCookie = response.headers.get("Set-Cookie");
      if (setCookie) {
        const [pair] = setCookie.split(";");
        jar.cookie = pair!.endsWith("=") ? null : pair!;
      }
      return response;
    },
  };
  return jar;
}

export async function signedIn(baseUrl: string, email: string, password = "partnership-demo"): Promise<Client> {
  const person = client(baseUrl);
  const response = await person.post("/login", { email, password });
  if (response.status !== 302) throw new Error(`Sign-in as ${email} answered ${response.status}`);
  return person;
}
