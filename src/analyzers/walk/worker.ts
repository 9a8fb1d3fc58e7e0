// Worker thread: walks layer blobs that live in files (a byte range of an archive, or an OCI
// blob), blobs streamed to it by the main thread (pool.ts: chunk messages, each walked on arrival
// and acked with its buffer), and blobs it downloads itself (fetch jobs: a registry layer).
import { parentPort } from 'node:worker_threads';
import { isLayerlintError } from '../../errors.js';
import type { LayerWalk } from '../../model/types.js';
import { resolvePendingDatabases } from '../packages/resolve.js';
import { LayerWalker, walkLayerFile, walkLayerStream } from './layer-walker.js';
import type { FetchSource, WorkerReply, WorkerRequest } from './pool.js';

const port = parentPort;
/**
 * streamed jobs in progress, each chunk walked as it arrives and its buffer sent back with the
 * ack for reuse; chunks for any other id (a job that already failed) are dropped
 */
const streams = new Map<number, LayerWalker>();
/** downloads in progress (fetch jobs), cancelled by an abort message */
const fetches = new Map<number, AbortController>();
/** progress is reported in steps of this many bytes */
const PROGRESS_STEP = 4 * 1024 * 1024;

async function run(id: number, walk: Promise<LayerWalk>): Promise<void> {
  let reply: WorkerReply;
  try {
    reply = { id, walk: await walk };
  } catch (err) {
    const e = err as Error & { code?: unknown };
    const code = typeof e.code === 'string' ? e.code : undefined;
    reply = { id, error: { message: e.message, userError: isLayerlintError(err), stack: e.stack, code } };
  }
  streams.delete(id);
  fetches.delete(id);
  port?.postMessage(reply);
}

port?.on('message', (msg: WorkerRequest) => {
  switch (msg.type) {
    case 'file':
      void run(msg.id, walkLayerFile(msg, { limits: msg.limits, label: msg.label }));
      break;
    case 'stream':
      streams.set(
        msg.id,
        new LayerWalker({ limits: msg.limits, label: msg.label, blobHashedByCaller: msg.blobHashedByCaller }),
      );
      break;
    case 'fetch': {
      const { id } = msg;
      const controller = new AbortController();
      fetches.set(id, controller);
      let unreported = 0;
      const report = () => {
        if (unreported > 0) port.postMessage({ id, progress: unreported } satisfies WorkerReply);
        unreported = 0;
      };
      const onBytes = (n: number) => {
        unreported += n;
        if (unreported >= PROGRESS_STEP) report();
      };
      const walk = (import(msg.module) as Promise<Record<string, FetchSource>>).then((mod) => {
        const source = mod[msg.name];
        if (typeof source !== 'function') throw new Error(`${msg.module} exports no ${msg.name}`);
        return walkLayerStream(source(msg.args, controller.signal, onBytes), { limits: msg.limits, label: msg.label });
      });
      void run(id, walk.finally(report));
      break;
    }
    case 'chunk': {
      const walker = streams.get(msg.id);
      try {
        walker?.write(Buffer.from(msg.data, 0, msg.length));
      } catch (err) {
        streams.delete(msg.id); // the walk failed: reply once, drop what follows
        void run(msg.id, Promise.reject(err));
      }
      port.postMessage({ id: msg.id, ack: msg.length, buffer: msg.data } satisfies WorkerReply, [msg.data]);
      break;
    }
    case 'end': {
      const walker = streams.get(msg.id);
      streams.delete(msg.id);
      if (walker)
        void run(
          msg.id,
          Promise.resolve()
            .then(() => walker.end())
            .then(resolvePendingDatabases),
        );
      break;
    }
    case 'abort': {
      const walker = streams.get(msg.id);
      streams.delete(msg.id);
      if (walker) {
        walker.abort();
        void run(msg.id, Promise.reject(new Error('walk cancelled: its source failed'))); // frees the job
      }
      fetches.get(msg.id)?.abort();
      break;
    }
  }
});
