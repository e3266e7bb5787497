const PLACEHOLDER_ORIGIN = "http://partnership-board.invalid";
// None of our addresses comes near it; a longer Location header is refused by browsers and proxies.
const MAX_REDIRECT_LENGTH = 2000;

/**
 * Where to send someone after signing in or sending a form: a path on this
 * site, never another site. The target is resolved first (dot segments,
 * percent-encoded ones included, collapse only then), and what comes out must
 * still be a plain path: "/.//evil.example" resolves to "//evil.example",
 * which a browser reads as another host, so it falls back.
 */
export function safeRedirectPath(target: unknown, fallback = "/"): string {
  if (typeof target !== "string" || !target.startsWith("/") || target.length > MAX_REDIRECT_LENGTH || hasControlCharacter(target)) return fallback;
  let url: URL;
  try {
    url = new URL(target, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  const path = url.pathname + url.search + url.hash;
  return leavesTheSite(path) ? fallback : path;
}

/** "//host", "/\host" and their percent-encoded forms name another host to some reader on the way. */
function leavesTheSite(path: string): boolean {
  const start = decodeSlashes(path.slice(0, 16));
  return !start.startsWith("/") || start.startsWith("//") || start.startsWith("/\\");
}

function decodeSlashes(text: string): string {
  return text.replace(/%2f/gi, "/").replace(/%5c/gi, "\\");
}

// Browsers drop tabs and newlines from addresses, so "/\t/evil.example" is "//evil.example" to them.
function hasControlCharacter(text: string): boolean {
  return [...text].some((character) => character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f);
}
