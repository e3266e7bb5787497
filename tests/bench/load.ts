import autocannon from "autocannon";

// Load from autocannon, as browsers send it: signed in, asking for gzip or
// brotli. Latencies are collected per response (autocannon's own summary has
// no 95th percentile); a move is timed and counted as the whole sequence of
// requests a browser makes for it. Every run ends by a deadline, answered or
// not, so a server that stops answering costs errors, not a hung bench.

export interface LoadResult {
  /** Requests (or whole sequences) answered per second. */
  perSecond: number;
  p50: number;
  p95: number;
  /** Answers that were not what a browser gets when all is well, failed connections, timeouts, runs cut off. */
  errors: number;
  /** Bytes on the wire per answer. */
  bytesEach: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  /** The status a good answer has (302 for a sign-in). */
  expectStatus?: number;
  /** The requests every connection sends in turn, each timed on its own. */
  requests?: autocannon.Request[];
  /** Each connection's own requests, in order: together one unit (a move), timed and counted whole. */
  sequenceFor?: (connection: number) => autocannon.Request[];
}

export const BROWSER_ENCODINGS = { "Accept-Encoding": "gzip, deflate, br" };
/** Seconds a request may go unanswered before autocannon counts it as timed out. */
const REQUEST_TIMEOUT_SECONDS = 10;
/** Beyond its duration and one request timeout, how long a run may take before it is cut off. */
const DEADLINE_GRACE_MS = 5_000;

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

/** Where a connection is in its sequence: its length, requests sent, and the answers so far of the current pass. */
interface SequenceProgress {
  length: number;
  sent: number;
  answered: number;
  elapsedMs: number;
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  const times: number[] = [];
  let badStatuses = 0;
  const progress = new Map<autocannon.Client, SequenceProgress>();
  let nextConnection = 0;
  const sequenceFor = options.sequenceFor;
  let instance!: autocannon.Instance;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        headers: { ...BROWSER_ENCODINGS, ...options.headers },
        requests: options.requests,
        timeout: REQUEST_TIMEOUT_SECONDS,
        setupClient: sequenceFor
          ? (client) => {
              const requests = sequenceFor(nextConnection++);
              const state = { length: requests.length, sent: 0, answered: 0, elapsedMs: 0 };
              progress.set(client, state);
              client.setRequests(requests);
              // autocannon's clients emit "request" for each one sent; its types leave the event out.
              const emitter: NodeJS.EventEmitter = client;
              emitter.on("request", () => (state.sent += 1));
            }
          : undefined,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
  instance.on("response", (client, statusCode, _bytes, responseTime) => {
    if (statusCode !== (options.expectStatus ?? 200)) badStatuses += 1;
    const state = progress.get(client);
    if (!state) return times.push(responseTime);
    // After a timeout autocannon goes on with the next request, so a pass counts only if every step was answered in order.
    const step = (state.sent - 1) % state.length;
    if (step === 0) Object.assign(state, { answered: 1, elapsedMs: responseTime });
    else if (step === state.answered) Object.assign(state, { answered: state.answered + 1, elapsedMs: state.elapsedMs + responseTime });
    if (state.answered === state.length) {
      times.push(state.elapsedMs);
      state.answered = 0;
    }
  });

  let deadline: NodeJS.Timeout | undefined;
  const cutOff = new Promise<null>((resolve) => {
    deadline = setTimeout(
      () => {
        instance.stop();
        resolve(null);
      },
      options.seconds * 1000 + REQUEST_TIMEOUT_SECONDS * 1000 + DEADLINE_GRACE_MS,
    );
  });
  const result = await Promise.race([finished, cutOff]);
  clearTimeout(deadline);
  times.sort((a, b) => a - b);
  if (!result) {
    // autocannon did not finish: whatever each connection was waiting for counts as an error.
    return {
      perSecond: times.length / options.seconds,
      p50: percentile(times, 0.5),
      p95: percentile(times, 0.95),
      errors: badStatuses + options.connections,
      bytesEach: 0,
    };
  }
  const answered = result.requests.total;
  return {
    perSecond: times.length / options.seconds,
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    errors: badStatuses + result.errors + result.timeouts,
    bytesEach: answered ? result.throughput.total / answered : 0,
  };
}

/** Each statistic's median over several runs (after one unmeasured run to warm up). */
export async function medianOfRuns(runs: number, options: LoadOptions): Promise<LoadResult> {
  await load({ ...options, seconds: 1 });
  const results: LoadResult[] = [];
  for (let run = 0; run < runs; run += 1) results.push(await load(options));
  const median = (pick: (result: LoadResult) => number) => {
    const values = results.map(pick).sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)]!;
  };
  return {
    perSecond: median((result) => result.perSecond),
    p50: median((result) => result.p50),
    p95: median((result) => result.p95),
    errors: results.reduce((sum, result) => sum + result.errors, 0),
    bytesEach: median((result) => result.bytesEach),
  };
}
