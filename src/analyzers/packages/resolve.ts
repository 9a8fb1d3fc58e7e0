// rpm's sqlite database cannot be parsed while its layer streams by (SQLite wants the whole file
// and sql.js starts asynchronously): the walk keeps its bytes as `pending`, and this turns them
// into packages before the walk is returned, cached or sent anywhere.
import type { LayerWalk } from '../../model/types.js';
import { readRpmSqlite } from './rpm-sqlite.js';

export async function resolvePendingDatabases(walk: LayerWalk): Promise<LayerWalk> {
  for (const entry of walk.entries) {
    const db = entry.packageDb;
    if (!db?.pending) continue;
    const bytes = db.pending;
    delete db.pending;
    try {
      db.packages = await readRpmSqlite(bytes);
    } catch (err) {
      db.unreadable = `${db.path}: ${(err as Error).message}`;
    }
  }
  return walk;
}
