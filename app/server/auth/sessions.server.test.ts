import { describe, expect, it } from "vitest";
import { clearedSessionCookie, readSessionToken, sessionCookie } from "./sessions.server";

const overHttps = new Request("https://board.example.gov.uk/account");
const overHttp = new Request("http://localhost:3000/account");

describe("the session cookie", () => {
  it("is Secure with the __Host- prefix when the app is served over HTTPS", () => {
    expect(sessionCookie(overHttps, "id.secret")).toBe("__Host-pb_session=id.secret; Path=/; HttpOnly; Secure; SameSite=Lax");
    expect(clearedSessionCookie(overHttps)).toBe("__Host-pb_session=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax");
  });

  it("works over plain HTTP for local use, still HttpOnly and SameSite=Lax", () => {
    expect(sessionCookie(overHttp, "id.secret")).toBe("pb_session=id.secret; Path=/; HttpOnly; SameSite=Lax");
  });

  it("is read only under the name the scheme calls for", () => {
    const https = new Request(overHttps.url, { headers: { Cookie: "pb_session=planted.cookie; __Host-pb_session=real.token" } });
    expect(readSessionToken(https)).toBe("real.token");
    const http = new Request(overHttp.url, { headers: { Cookie: "__Host-pb_session=x.y" } });
    expect(readSessionToken(http)).toBeNull();
  });
});
