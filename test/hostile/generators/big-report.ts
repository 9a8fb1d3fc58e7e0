// Item 9 (EPIPE): an image whose reports run to megabytes (thousands of identical files: one
// duplicate group listing them all), so a reader that stops after a few bytes (`| head`) closes
// the pipe while layerlint still writes.
import { join } from 'node:path';
import { writeImage } from '../../../fixtures/builder/index.js';

export async function bigReportImage(dir: string, files = 20_000): Promise<string> {
  const out = join(dir, 'big-report.tar');
  const many = Array.from({ length: files }, (_, i) => ({
    path: `/srv/copies/${String(i).padStart(6, '0')}.txt`,
    content: 'same\n',
  }));
  await writeImage({ layers: [{ files: many }] }, 'docker-legacy', out);
  return out;
}
