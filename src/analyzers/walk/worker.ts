// Worker thread: walks layer blobs that live in files (a byte range of an archive, or an OCI blob).
import { parentPort } from 'node:worker_threads';
import { isLayerlintError } from '../../errors.js';
import { walkLayerStream } from './layer-walker.js';
import { type FileJob, type WorkerReply, fileRange } from './pool.js';

parentPort?.on('message', async (job: FileJob & { id: number }) => {
  let reply: WorkerReply;
  try {
    const walk = await walkLayerStream(fileRange(job), { limits: job.limits, label: job.label });
    reply = { id: job.id, walk };
  } catch (err) {
    const e = err as Error;
    reply = { id: job.id, error: { message: e.message, userError: isLayerlintError(err), stack: e.stack } };
  }
  parentPort?.postMessage(reply);
});
