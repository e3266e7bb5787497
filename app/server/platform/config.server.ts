// Settings from the environment; the README lists every variable.

function positiveNumber(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export const config = {
  /** Pages and route data rendered at once; more wait their turn (see render-queue.server.ts). */
  renderConcurrency: positiveNumber("RENDER_CONCURRENCY", 4),
  /** A session ends after this long without a request (measured to the refresh interval). */
  sessionIdleMs: positiveNumber("SESSION_IDLE_MINUTES", 120) * 60_000,
  /** A session ends this long after sign-in, however busy. */
  sessionMaxAgeMs: positiveNumber("SESSION_MAX_HOURS", 12) * 3_600_000,
  /** `true`/`false` force the Secure cookie and `__Host-` prefix; unset follows the request's scheme. */
  cookieSecure: process.env.COOKIE_SECURE === "true" ? true : process.env.COOKIE_SECURE === "false" ? false : null,
  invitationLifetimeMs: 7 * 24 * 3_600_000,
  /** An emailed reset link: mail arrives in minutes, and a short life limits a link left in an inbox. */
  emailedResetLifetimeMs: 3_600_000,
  /** An admin's reset link travels by another channel (a call, a message) and may wait for the person's next working day. */
  adminResetLifetimeMs: 24 * 3_600_000,
  smtpUrl: process.env.SMTP_URL || null,
  mailFrom: process.env.MAIL_FROM || "Partnership Board <no-reply@localhost>",
  /** Demo accounts' addresses (@demo.test) reach a mail server only when the operator says so. */
  mailToDemoAddresses: process.env.MAIL_TO_DEMO_ADDRESSES === "true",
  /** `off`: the app queues no digests or reminders and sends nothing itself; `npm run mail:send-due` from cron does. */
  mailInApp: process.env.MAIL_SCHEDULE !== "off",
  /** The site's own address for links in emails a stranger can trigger, so a forged Host header cannot redirect them. */
  publicUrl: process.env.PUBLIC_URL || null,
  /** Refused page visits and failed sign-ins older than this many days leave the security log (auth/security-log-retention.server.ts). */
  securityLogDays: positiveNumber("SECURITY_LOG_DAYS", 400),
  isProduction: process.env.NODE_ENV === "production",
  /** Set: the app writes a backup there each day (see backups.server.ts). */
  backupDir: process.env.BACKUP_DIR || null,
  /** Daily backups kept in BACKUP_DIR; the oldest beyond this are removed. */
  backupKeep: Math.floor(positiveNumber("BACKUP_KEEP", 14)),
};

/** Whether the request came over HTTPS (behind a proxy, only with TRUST_PROXY set). */
export function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}

/** Secure, `__Host-` cookies whenever the app is served over HTTPS, unless COOKIE_SECURE says otherwise. */
export function usesSecureCookies(request: Request): boolean {
  return config.cookieSecure ?? isHttps(request);
}
