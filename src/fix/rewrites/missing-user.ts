import type { DockerfileModel, DockerInstruction } from '../../analyzers/dockerfile/types.js';
import { externalBase, type UserTool, userToolFromImage, userToolFromName } from '../base-image.js';
import { eolOf, finalStage, insertLinesAfter, insertPointAbove } from '../text.js';
import type { FixGenerator } from '../types.js';

const UID = '10001';

export function userLines(tool: UserTool): string[] {
  if (tool === 'useradd') return [`RUN useradd --create-home --uid ${UID} appuser`, `USER ${UID}`];
  if (tool === 'adduser') return [`RUN adduser -D -u ${UID} appuser`, `USER ${UID}`];
  return ['USER 65532'];
}

/**
 * Adds a non-root user to the final stage: in place of a trailing `USER root`, else before its
 * first CMD/ENTRYPOINT that follows the last RUN/COPY/ADD/USER (so build steps still run as root),
 * else after the stage's last instruction.
 */
export const fixMissingUser: FixGenerator = (_finding, df, ctx) => {
  const stage = finalStage(df);
  if (!stage) return { suggestion: 'Add a USER instruction with a non-root user to the final stage.' };
  const server = startsAsRoot(df, stage.instructions, externalBase(df, stage));
  if (server)
    return {
      suggestion: `Not rewritten automatically: ${server} starts as root (to bind, write its runtime dirs or drop privileges itself). Use the image's unprivileged variant or configure it for a non-root USER.`,
    };
  const tool = ctx.analysis ? userToolFromImage(ctx.analysis) : userToolFromName(externalBase(df, stage));
  const lines = userLines(tool);
  const list = stage.instructions;
  // after the last step that may need root, and after the last USER (a later USER root would win)
  const anchor = list.reduce(
    (acc, i, k) => (['RUN', 'COPY', 'ADD', 'ONBUILD', 'USER'].includes(i.keyword) ? k : acc),
    0,
  );
  const anchorIns = list[anchor];
  const suggestion = `Runs as root: add ${lines.join(' / ')}; check that the app can read/write what it needs as that user.`;
  if (anchorIns.keyword === 'USER' && /^(root|0)(:(root|0))?$/.test(anchorIns.args.trim()))
    return {
      edits: [{ range: [anchorIns.start, anchorIns.end], text: lines.join(eolOf(df.text)) }],
      suggestion,
    };
  const before = list.slice(anchor + 1).find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
  if (before) {
    const at = insertPointAbove(df.text, before);
    const eol = eolOf(df.text);
    return { edits: [{ range: [at, at], text: lines.map((l) => l + eol).join('') }], suggestion };
  }
  const last = list[list.length - 1];
  return { edits: [insertLinesAfter(df, last, lines)], suggestion };
};

/** Servers whose stock setup needs root at start (they drop privileges themselves, or write root-owned dirs). */
const ROOT_SERVERS =
  /(^|\/)(nginx|httpd|postgres|mysql|mariadb|redis|mongo|rabbitmq|elasticsearch|haproxy|php:[^\s]*apache|wordpress|tomcat)(:|@|$)/;
const ROOT_COMMANDS =
  /\b(sshd|nginx|apache2|httpd|apache2-foreground|docker-entrypoint\.sh|gosu|su-exec|supervisord|systemd|init)\b/;

function startsAsRoot(df: DockerfileModel, list: DockerInstruction[], base: string): string | undefined {
  const m = ROOT_SERVERS.exec(base.toLowerCase());
  if (m) return `the ${m[2]} base image`;
  for (const i of list) {
    if (i.keyword !== 'CMD' && i.keyword !== 'ENTRYPOINT') continue;
    const c = ROOT_COMMANDS.exec(df.text.slice(i.argsStart, i.end));
    if (c) return c[1];
  }
  return undefined;
}
