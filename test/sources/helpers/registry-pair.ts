// Two real registries with the same image: one with Basic auth behind a fault proxy (`front`),
// one anonymous behind another (`other`), where `front` can redirect blobs.
import { join } from 'node:path';
import { makeTempDir, type RegistryHandle, removeDir, startRegistry } from '../../support/index.js';
import { type FaultProxy, startFaultProxy } from './fault-proxy.js';
import { baseRecipe, pushRecipe } from './images.js';

export interface RegistryPair {
  basic: RegistryHandle;
  front: FaultProxy;
  other: FaultProxy;
  stop(): Promise<void>;
}

/** ns/app:1 pushed to both registries. */
export async function startRegistryPair(name: string): Promise<RegistryPair> {
  const work = makeTempDir(name);
  const basic = await startRegistry({ auth: 'basic' });
  const anon = await startRegistry({ auth: 'none' });
  await pushRecipe(baseRecipe('app'), join(work, 'a'), `docker://${basic.host}/ns/app:1`, basic.creds);
  await pushRecipe(baseRecipe('app'), join(work, 'b'), `docker://${anon.host}/ns/app:1`);
  const front = await startFaultProxy(basic.url);
  const other = await startFaultProxy(anon.url);
  return {
    basic,
    front,
    other,
    async stop() {
      await front.close();
      await other.close();
      await basic.stop();
      await anon.stop();
      removeDir(work);
    },
  };
}
