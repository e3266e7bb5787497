const PLACEHOLDER_ORIGIN = "http://partnership-board.invalid";

/**
 * Where to send someone after signing in: a path on this site, never another
 * site ("//evil.example", "/\\evil.example", "https://…" all fall back).
 */
export function safeRedirectPath(target: unknown, fallback = "/"): string {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) {
    return fallback;
  }
  if ([...target].some((character) => character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f)) return fallback;
  try {
    const url = new URL(target, PLACEHOLDER_ORIGIN);
    if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
