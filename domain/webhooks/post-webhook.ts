/**
 * One HTTP POST of a delivery, reduced to what the attempt log keeps. It never
 * throws: a timeout, a refused connection or a 500 are all answers to record.
 */
export interface PostResult {
  /** 2xx: the endpoint accepted the delivery. */
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
  error: string | null;
}

const EXCERPT_CHARS = 500;
/** Enough bytes for 500 characters of any UTF-8 text; the rest of a large answer is never read. */
const EXCERPT_BYTES = EXCERPT_CHARS * 4;

export async function postWebhook(
  fetchImpl: typeof fetch,
  request: { url: string; headers: Record<string, string>; body: string; timeoutMs: number },
): Promise<PostResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetchImpl(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      // A redirect is an answer, not an instruction: following it could send tenant data somewhere nobody subscribed.
      redirect: 'manual',
      // Covers the connection, the headers and the body we read.
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    let responseExcerpt: string | null;
    try {
      responseExcerpt = await readExcerpt(response);
    } catch (error) {
      // It answered, then stalled: the answer never completed, so the delivery is not confirmed.
      return { ok: false, statusCode: response.status, latencyMs: elapsed(), responseExcerpt: null, error: describeFailure(error, request.timeoutMs) };
    }
    const ok = response.status >= 200 && response.status < 300;
    return { ok, statusCode: response.status, latencyMs: elapsed(), responseExcerpt, error: ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, statusCode: null, latencyMs: elapsed(), responseExcerpt: null, error: describeFailure(error, request.timeoutMs) };
  }
}

async function readExcerpt(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < EXCERPT_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const text = new TextDecoder().decode(Buffer.concat(chunks).subarray(0, EXCERPT_BYTES));
  return text.length === 0 ? null : text.slice(0, EXCERPT_CHARS);
}

/** Reads errors by shape, not by class: fetch's errors may come from another realm than this module's `Error`. */
function describeFailure(error: unknown, timeoutMs: number): string {
  const failure = (error ?? {}) as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (failure.name === 'TimeoutError' || failure.name === 'AbortError') return `Timed out after ${timeoutMs} ms`;
  const detail = failure.cause?.code ?? failure.cause?.message ?? failure.message ?? String(error);
  return `Request failed: ${detail}`.slice(0, 2000);
}
