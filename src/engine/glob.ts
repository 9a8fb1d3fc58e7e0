// The one path matcher: globs over absolute image paths (ignorePaths, allowlists, captured files).
// Paths are matched whole with the dotAll flag, so a name holding a newline, \r, U+2028 or
// U+2029 (legal in a tar name) cannot slip past a `*` or `**`.

export interface GlobOptions {
  /** a glob also covers what is below it ("/app" matches "/app/x"); default true */
  below?: boolean;
}

/** Path globs: `*` within a segment, `**` across segments (`**\/` also matches no segment), `?` one character. */
export function globMatcher(globs: readonly string[], opts: GlobOptions = {}): (path: string) => boolean {
  if (globs.length === 0) return () => false;
  const re = globsToRegExp(globs, opts);
  return (path) => re.test(path);
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
