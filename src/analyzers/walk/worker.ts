// Worker thread: walks layer blobs that live in files (a byte range of an archive, or an OCI
// blob) and blobs streamed to it by the main thread (pool.ts: chunk messages, acked as taken).
import { parentPort } from 'node:worker_threads';
import { isLayerlintError } from '../../errors.js';
import type { LayerWalk } from '../../model/types.js';
import { ChunkQueue } from './flow.js';
import { walkLayerFile, walkLayerStream } from './layer-walker.js';
import type { WorkerReply, WorkerRequest } from './pool.js';

const port = parentPort;
/** streamed jobs in progress: chunks for any other id (a job that already failed) are dropped */
const streams = new Map<number, ChunkQueue>();

async function run(id: number, walk: Promise<LayerWalk>): Promise<void> {
  let reply: WorkerReply;
  try {
    reply = { id, walk: await walk };
  } catch (err) {
    const e = err as Error;
    reply = { id, error: { message: e.message, userError: isLayerlintError(err), stack: e.stack } };
  }
  streams.delete(id);
  port?.postMessage(reply);
}

port?.on('message', (msg: WorkerRequest) => {
  switch (msg.type) {
    case 'file':
      void run(msg.id, walkLayerFile(msg, { limits: msg.limits, label: msg.label }));
      break;
    case 'stream': {
      const { id } = msg;
      const queue = new ChunkQueue((n) => port.postMessage({ id, ack: n } satisfies WorkerReply));
      streams.set(id, queue);
      void run(
        id,
        walkLayerStream(queue, { limits: msg.limits, label: msg.label, blobHashedByCaller: msg.blobHashedByCaller }),
      );
      break;
    }
    case 'chunk':
      streams.get(msg.id)?.push(Buffer.from(msg.data, 0, msg.length));
      break;
    case 'end':
      streams.get(msg.id)?.end();
      break;
    case 'abort':
      streams.get(msg.id)?.fail(new Error('walk cancelled: its source failed'));
      break;
  }
});
