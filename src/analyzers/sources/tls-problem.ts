// A failed TLS handshake, sorted the way a user would put it (pure): the server's certificate is
// not trusted, is for another name, is out of date, or the server wants a client certificate (or
// refused ours). The registry and daemon sources each say what to do about it.

export type TlsProblemKind = 'untrusted' | 'name' | 'expired' | 'client-cert';

export interface TlsProblem {
  kind: TlsProblemKind;
  /** Node's own words, or the TLS alert */
  detail: string;
}

const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

/** What went wrong in a TLS handshake; undefined for other failures. */
export function tlsProblem(err: unknown): TlsProblem | undefined {
  const e = err as { code?: string; message?: string; reason?: string };
  const code = e?.code ?? '';
  const message = e?.message ?? '';
  if (UNTRUSTED.has(code)) return { kind: 'untrusted', detail: message };
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH')
    return { kind: 'name', detail: e.reason ?? message };
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') return { kind: 'expired', detail: message };
  // the server's alert: it wants a client certificate, or did not accept ours
  const alert = /alert (certificate required|bad certificate|unknown ca|certificate unknown)/i.exec(message);
  if (alert) return { kind: 'client-cert', detail: `TLS alert: ${alert[1].toLowerCase()}` };
  return undefined;
}
