/** Path globs for ignorePaths: `*` within a segment, `**` across segments, `?` one character. */
export function globMatcher(globs: string[]): (path: string) => boolean {
  const regexes = globs.map(globToRegExp);
  return (path) => regexes.some((r) => r.test(path));
}

export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        re += '.*';
        i++;
        if (glob[i + 1] === '/') i++;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // a directory glob also covers what is below it
  return new RegExp(`^${re}(/.*)?$`);
}
