// Reads an email as it arrived over SMTP, the way a mail client would: its
// headers (unfolded, encoded words decoded) and its text and HTML parts
// (quoted-printable or base64 undone). Enough MIME for what nodemailer sends.

export interface ArrivedEmail {
  /** Header names in lower case; a header sent twice has two values. */
  headers: Map<string, string[]>;
  /** The decoded body of each leaf part, by content type ("text/plain", "text/html"). */
  parts: Array<{ contentType: string; body: string }>;
}

export function readEmail(raw: string): ArrivedEmail {
  const { headers, body } = splitHeaders(raw);
  return { headers, parts: leafParts(headers, body) };
}

/** The one value of a header, or undefined. */
export function header(email: ArrivedEmail, name: string): string | undefined {
  const values = email.headers.get(name.toLowerCase());
  if (values && values.length > 1) throw new Error(`${name} was sent ${values.length} times`);
  return values?.[0];
}

export function partOf(email: ArrivedEmail, contentType: string): string {
  const part = email.parts.find((candidate) => candidate.contentType === contentType);
  if (!part) throw new Error(`No ${contentType} part; there are ${email.parts.map((candidate) => candidate.contentType).join(", ")}`);
  return part.body;
}

function splitHeaders(raw: string): { headers: Map<string, string[]>; body: string } {
  const end = raw.indexOf("\r\n\r\n");
  const head = end === -1 ? raw : raw.slice(0, end);
  const body = end === -1 ? "" : raw.slice(end + 4);
  const headers = new Map<string, string[]>();
  for (const line of head.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), decodeWords(line.slice(colon + 1).trim())]);
  }
  return { headers, body };
}

function leafParts(headers: Map<string, string[]>, body: string): ArrivedEmail["parts"] {
  const contentType = headers.get("content-type")?.[0] ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (/^multipart\//i.test(contentType) && boundary) {
    const pieces = body.split(`--${boundary}`).slice(1);
    return pieces
      .filter((piece) => !piece.startsWith("--"))
      .flatMap((piece) => {
        const part = splitHeaders(piece.replace(/^\r\n/, ""));
        return leafParts(part.headers, part.body.replace(/\r\n$/, ""));
      });
  }
  const encoding = (headers.get("content-transfer-encoding")?.[0] ?? "7bit").toLowerCase();
  const bytes =
    encoding === "base64" ? Buffer.from(body.replace(/\s+/g, ""), "base64") : encoding === "quoted-printable" ? quotedPrintable(body) : Buffer.from(body);
  return [{ contentType: contentType.split(";")[0]!.trim().toLowerCase(), body: bytes.toString("utf8") }];
}

function quotedPrintable(text: string): Buffer {
  const unwrapped = text.replace(/=\r\n/g, "");
  const bytes: number[] = [];
  for (let index = 0; index < unwrapped.length; index++) {
    const character = unwrapped[index]!;
    if (character === "=" && /^[0-9A-F]{2}$/i.test(unwrapped.slice(index + 1, index + 3))) {
      bytes.push(parseInt(unwrapped.slice(index + 1, index + 3), 16));
      index += 2;
    } else bytes.push(...Buffer.from(character));
  }
  return Buffer.from(bytes);
}

/** "=?UTF-8?Q?Confirm_1=2E1?= =?UTF-8?Q?_is?=" → "Confirm 1.1 is" (the space between encoded words is not text). */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_match, _charset: string, kind: string, text: string) =>
      kind.toUpperCase() === "B" ? Buffer.from(text, "base64").toString("utf8") : quotedPrintable(text.replace(/_/g, " ")).toString("utf8"),
    );
}
