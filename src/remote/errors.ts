/**
 * Errors of the remote layer, each with the words a researcher needs. `UnreachableError` is kept apart
 * on purpose: "can't reach the host" must never be recorded as "the run failed".
 */

/** The host could not be reached (DNS, refused, timeout, network down, connection lost). */
export class UnreachableError extends Error {
  constructor(readonly host: string, readonly reason: string) {
    super(`host ${host} is unreachable: ${reason}`);
    this.name = "UnreachableError";
  }
}

/** Host key not trusted: unknown and not accepted, or CHANGED (possible man-in-the-middle). */
export class HostKeyError extends Error {
  constructor(readonly host: string, readonly kind: "unknown" | "changed" | "revoked", message: string) {
    super(message);
    this.name = "HostKeyError";
  }
}

/** Every authentication method was tried and refused. */
export class AuthError extends Error {
  constructor(readonly host: string, message: string) {
    super(message);
    this.name = "AuthError";
  }
}

/** A remote command exited with a non-zero status where success was required. */
export class RemoteCommandError extends Error {
  constructor(readonly host: string, readonly cmd: string, readonly code: number | null, readonly stderr: string) {
    super(`on ${host}: command failed (exit ${code ?? "signal"}): ${cmd.slice(0, 200)}\n${stderr.trim().slice(-2000)}`);
    this.name = "RemoteCommandError";
  }
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE",
]);

/** True for errors that mean "the network/host is not there", as opposed to "it said no". */
export function isNetworkError(err: unknown): boolean {
  if (err instanceof UnreachableError) return true;
  const e = err as { code?: string; level?: string; message?: string };
  if (e?.code && NETWORK_CODES.has(e.code)) return true;
  if (e?.level === "client-timeout" || e?.level === "client-socket") return true;
  return /timed out|Not connected|No response from server|connection lost|socket hang up/i.test(e?.message ?? "");
}
