// The same schema check at the registry's edge: a config with a wrongly typed field, pushed to a
// real registry, is one line naming the config and the field, never an internal error.
import { join } from 'node:path';
import { pushRecipe } from '../sources/helpers/images.js';
import { makeTempDir, type RegistryHandle, removeDir, startRegistry } from '../support/index.js';
import { expectOneLineRefusal, runBounded } from './bounded.js';

let reg: RegistryHandle;
let work: string;
beforeAll(async () => {
  work = makeTempDir('hostile-reg-meta');
  reg = await startRegistry({ auth: 'none' });
  const layers = [{ files: [{ path: 'etc/hostname', content: 'box\n' }] }];
  // a config JSON whose User is a number: skopeo copies the blob as is
  const config = { User: 0 } as unknown as { User: string };
  await pushRecipe({ layers, config }, join(work, 'bad'), `docker://${reg.host}/ns/bad:1`);
}, 180_000);
afterAll(async () => {
  await reg?.stop();
  removeDir(work);
});

test('a registry image whose config has a numeric User', async () => {
  const r = await runBounded(['analyze', `docker://${reg.host}/ns/bad:1`], { timeoutMs: 30_000, maxRssMiB: 400 });
  expectOneLineRefusal(
    r,
    /image config sha256:[0-9a-f]{64} is not a valid image config: field \/config\/User must be string,null/,
  );
});
