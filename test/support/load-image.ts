import { createReadStream, statSync } from 'node:fs';
import { request } from 'node:http';

/**
 * POST a docker-archive tar to a daemon's Engine API (`/v1.41/images/load`) over its unix socket:
 * works for dockerd and for podman's Docker-compatible service. Returns the image names the daemon
 * reports as loaded (podman prefixes them with `localhost/`).
 */
export function loadImageArchive(socketPath: string, archive: string): Promise<string[]> {
  const size = statSync(archive).size;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        socketPath,
        method: 'POST',
        path: '/v1.41/images/load?quiet=1',
        headers: { 'content-type': 'application/x-tar', 'content-length': String(size) },
        timeout: 5 * 60_000,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          body += c;
        });
        res.on('end', () => {
          if (res.statusCode !== 200) {
            reject(new Error(`load of ${archive} via ${socketPath}: HTTP ${res.statusCode}: ${body.trim()}`));
            return;
          }
          // dockerd answers a stream of JSON objects, podman one object; both say "Loaded image: NAME"
          const errMatch = /"error(?:Detail)?"\s*:\s*(?:\{[^}]*"message"\s*:\s*)?"([^"]+)"/.exec(body);
          if (errMatch !== null) {
            reject(new Error(`load of ${archive} via ${socketPath} failed: ${errMatch[1]}`));
            return;
          }
          const names = [...body.matchAll(/Loaded image(?: ID)?: ([^\s"\\]+)/g)].map((m) => m[1] as string);
          resolve(names);
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout loading ${archive}`)));
    req.on('error', reject);
    createReadStream(archive).on('error', reject).pipe(req);
  });
}
