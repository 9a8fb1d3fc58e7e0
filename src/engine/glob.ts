// The one path matcher: globs over absolute image paths (ignorePaths, allowlists, captured files).
// Paths are matched whole with the dotAll flag, so a name holding a newline, \r, U+2028 or
// U+2029 (legal in a tar name) cannot slip past a `*` or `**`.

export interface GlobOptions {
  /** a glob also covers what is below it ("/app" matches "/app/x"); default true */
  below?: boolean;
}

/**
 * Path globs: `*` within a segment, `**` across segments (`**\/` also matches no segment), `?` one
 * character. When only whole paths match (below: false) and every glob ends in a literal name,
 * the name is looked up in a set before the regular expression runs: the walk asks this of every
 * path of every layer.
 */
export function globMatcher(globs: readonly string[], opts: GlobOptions = {}): (path: string) => boolean {
  if (globs.length === 0) return () => false;
  const re = globsToRegExp(globs, opts);
  const lastNames = globs.map((g) => g.slice(g.lastIndexOf('/') + 1));
  if (opts.below !== false || lastNames.some((n) => /[*?]/.test(n))) return (path) => re.test(path);
  const names = new Set(lastNames);
  return (path) => names.has(path.slice(path.lastIndexOf('/') + 1)) && re.test(path);
}

/** One regular expression matching any of `globs` (one test per path, however many globs). */
export function globsToRegExp(globs: readonly string[], opts: GlobOptions = {}): RegExp {
  const tail = opts.below === false ? '' : '(?:/.*)?';
  return new RegExp(`^(?:${globs.map(globBody).join('|')})${tail}$`, 's');
}

export function globToRegExp(glob: string, opts: GlobOptions = {}): RegExp {
  return globsToRegExp([glob], opts);
}

function globBody(glob: string): string {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:.*/)?'; // "**/x": x at any depth, the top one included
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return re;
}
