// A layer blob downloaded by the thread that walks it (a worker), so that its bytes never pass
// through the main thread: what a fresh client needs, as plain data that can be posted to a
// worker, and the download with blobStream's retries, resume and size bound.
import { blobStream } from './blob.js';
import type { RegistryTls } from './cert-dir.js';
import { RegistryClient, type RegistrySession } from './client.js';
import { closeTransport, createTransport } from './http.js';

export interface BlobFetch {
  registry: string;
  repository: string;
  /** the base URL and Authorization of the client that read the manifest */
  session: RegistrySession;
  insecure: boolean;
  /** the main thread's certs.d settings (PEM text), so the worker trusts and presents the same */
  tls?: RegistryTls;
  timeoutMs: number;
  digest: string;
  size?: number;
  label: string;
}

/** The blob's bytes, read once; `signal` cancels the download, `onBytes` reports progress. */
export async function* fetchBlob(
  spec: BlobFetch,
  signal: AbortSignal,
  onBytes?: (n: number) => void,
): AsyncGenerator<Buffer> {
  const transport = createTransport({
    insecure: spec.insecure,
    tls: spec.tls,
    timeoutMs: spec.timeoutMs,
    sockets: 1,
    signal,
  });
  const client = new RegistryClient(
    { registry: spec.registry, repository: spec.repository },
    { transport, maxWaitMs: spec.timeoutMs, credentials: async () => undefined, session: spec.session },
  );
  try {
    yield* blobStream(client, { digest: spec.digest, size: spec.size, label: spec.label, onBytes });
  } finally {
    closeTransport(transport);
  }
}

/** Where a worker finds fetchBlob (the built module next to this one). */
export const FETCH_BLOB_MODULE = new URL('./blob-fetch.js', import.meta.url).href;
