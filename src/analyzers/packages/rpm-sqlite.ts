// rpmdb.sqlite (Fedora 33+, RHEL 9+, Amazon Linux 2023): table Packages(hnum, blob), one rpm
// header per row. Read with sql.js (SQLite compiled to WebAssembly: no native build, installs from
// the npm registry alone, works on every Node the CLI supports), loaded only when an image has one.
// The built package carries just its WebAssembly build beside the bundle (scripts/bundle.mjs); a
// source checkout loads the sql.js package (a devDependency).
import { requireLater } from '../../require-later.js';
import { parseRpmHeader } from './rpm-header.js';
import type { PackageRecord } from './types.js';

interface SqlJsStatic {
  Database: new (
    data: Uint8Array,
  ) => {
    exec(sql: string): { columns: string[]; values: unknown[][] }[];
    close(): void;
  };
}

let sqlJs: Promise<SqlJsStatic> | undefined;
const loadSqlJs = () => {
  sqlJs ??= (sqlJsModule() as () => Promise<SqlJsStatic>)();
  return sqlJs;
};

function sqlJsModule(): unknown {
  try {
    return requireLater('./sqljs/sql-wasm.cjs');
  } catch {
    return requireLater('sql.js');
  }
}

export async function readRpmSqlite(bytes: Uint8Array): Promise<PackageRecord[]> {
  const SQL = await loadSqlJs();
  let db: InstanceType<SqlJsStatic['Database']> | undefined;
  try {
    db = new SQL.Database(bytes);
    const [rows] = db.exec('SELECT blob FROM Packages ORDER BY hnum');
    const out: PackageRecord[] = [];
    for (const [blob] of rows?.values ?? []) {
      if (!(blob instanceof Uint8Array)) continue;
      const pkg = parseRpmHeader(blob);
      // gpg-pubkey pseudo-packages hold keys, not files
      if (pkg.name && pkg.name !== 'gpg-pubkey') out.push(pkg);
    }
    return out;
  } catch (err) {
    throw new Error(`rpmdb.sqlite: ${(err as Error).message}`);
  } finally {
    db?.close();
  }
}
