// Browser-side calls to the web tier's own /api routes: JSON in, JSON out, problems as ApiError whose
// message is the problem's `detail` (the sentence for the person; contracts/problem.ts).
import { problemTitle } from "@/contracts/problem-titles";
import { requestStepUp, stepUpRequiredReason } from "./step-up";

export type FieldErrors = Record<string, string[]>;

/** A problem answered by a web-tier route (status, code, its sentence, field messages and the request id to quote). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly reason: string | undefined;
  readonly fieldErrors: FieldErrors | undefined;
  readonly requestId: string | undefined;

  constructor(init: { status: number; code: string; detail: string; reason?: string; fieldErrors?: FieldErrors; requestId?: string }) {
    super(init.detail);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.reason = init.reason;
    this.fieldErrors = init.fieldErrors;
    this.requestId = init.requestId;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

type FetchOptions = { method?: Method; body?: unknown; signal?: AbortSignal };

export async function apiFetch<T = unknown>(path: string, options: FetchOptions = {}): Promise<T> {
  try {
    return await fetchOnce<T>(path, options);
  } catch (error) {
    // An action that asks for a fresh second factor: the step-up dialog, then the same request once more.
    if (isApiError(error) && error.status === 403 && error.reason === stepUpRequiredReason && typeof window !== "undefined" && (await requestStepUp())) {
      return fetchOnce<T>(path, options);
    }
    throw error;
  }
}

async function fetchOnce<T>(path: string, options: FetchOptions): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  let res: Response;
  try {
    res = await fetch(path, {
      method: options.method ?? "GET",
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError({ status: 0, code: "network", detail: "Could not reach Tessera. Check your connection and try again." });
  }
  const requestId = res.headers.get("x-request-id") ?? undefined;
  const body: unknown = res.status === 204 ? undefined : await res.json().catch(() => undefined);
  if (res.ok) return body as T;
  const error = problemToError(res.status, body, requestId);
  // The session ended (sign-out elsewhere, timeout): clear the cookie and go to sign-in. A wrong password
  // when re-authenticating (reveal a key) is also a 401, but the session is fine.
  if (res.status === 401 && error.reason !== "reauth-failed" && error.reason !== "second-factor-failed" && typeof window !== "undefined") window.location.assign("/session-ended");
  throw error;
}

function problemToError(status: number, body: unknown, headerRequestId: string | undefined): ApiError {
  const p = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  return new ApiError({
    status,
    code: str(p.code) ?? "internal",
    detail: str(p.detail) ?? (status >= 500 ? "Something went wrong." : problemTitle(status)),
    reason: str(p.reason),
    fieldErrors: isFieldErrors(p.fieldErrors) ? p.fieldErrors : undefined,
    requestId: str(p.requestId) ?? headerRequestId,
  });
}

function isFieldErrors(v: unknown): v is FieldErrors {
  return typeof v === "object" && v !== null && Object.values(v).every((m) => Array.isArray(m) && m.every((s) => typeof s === "string"));
}

/** A sentence for a toast or an error state; names the request id when there is one. */
export function describeError(error: unknown): string {
  if (isApiError(error)) return error.message;
  return "Something went wrong.";
}
