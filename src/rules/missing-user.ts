import { dockerFinding, finalStageIndex } from '../analyzers/dockerfile/rule-kit.js';
import type { DockerInstruction } from '../analyzers/dockerfile/types.js';
import { envBefore, expandVars, stageChain } from '../analyzers/dockerfile/vars.js';
import type { Rule } from '../model/types.js';

/**
 * The final stage (with the stages it is built FROM) sets no USER, or its last USER is root
 * (root, 0, root:root, 0:0...): the container runs as root unless the runtime says otherwise.
 * Without USER the base image's user applies, which the Dockerfile alone cannot see; image rules
 * check the config. The finding sits on the last USER (root) or on the final FROM (no USER).
 *
 * data: instructionIndex, reason ('no-user' | 'root-user'), lastInstructionIndex (last
 * instruction of the final stage), insertBeforeInstructionIndex (the final stage's first
 * CMD/ENTRYPOINT after which nothing but metadata follows, where a `USER` line fits; undefined:
 * append after lastInstructionIndex).
 */
export const rule: Rule = {
  id: 'missing-user',
  meta: {
    description: 'The final stage runs as root: no USER instruction, or the last USER is root',
    category: 'security',
    defaultSeverity: 'warning',
    fixable: true,
    requires: 'dockerfile',
    docs: 'docs/rules/missing-user.md',
    aliases: ['DL3002', 'DS002'],
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
    securitySeverity: 5.5,
  },
  check(ctx) {
    const df = ctx.dockerfile;
    if (!df) return [];
    const final = df.stages[finalStageIndex(df)];
    if (!final) return [];
    const chain = stageChain(df, final.index);
    const users = chain.filter((i) => i.keyword === 'USER');
    const last = users[users.length - 1];
    const own = final.instructions;
    const lastIns = own[own.length - 1] as DockerInstruction;
    const tail = trailingMetadataStart(own);
    const data = { lastInstructionIndex: lastIns.index, insertBeforeInstructionIndex: tail?.index };
    if (!last) {
      return [
        dockerFinding(
          df,
          final.from,
          'the final stage sets no USER: the container runs as root unless the base image sets a user',
          {
            reason: 'no-user',
            ...data,
          },
        ),
      ];
    }
    const user = expandVars(last.args.trim(), envBefore(df, last));
    if (!/^(root|0)(:(root|0))?$/.test(user)) return [];
    return [
      dockerFinding(df, last, `the last USER of the final stage is ${user}: the container runs as root`, {
        reason: 'root-user',
        ...data,
      }),
    ];
  },
};
export default rule;

/** First instruction of the trailing block of CMD/ENTRYPOINT/EXPOSE/LABEL/... that starts with CMD or ENTRYPOINT. */
function trailingMetadataStart(own: DockerInstruction[]): DockerInstruction | undefined {
  const meta = new Set([
    'CMD',
    'ENTRYPOINT',
    'EXPOSE',
    'LABEL',
    'HEALTHCHECK',
    'STOPSIGNAL',
    'VOLUME',
    'ENV',
    'ARG',
    'WORKDIR',
  ]);
  let k = own.length;
  while (k > 1 && meta.has((own[k - 1] as DockerInstruction).keyword)) k--;
  const first = own.slice(k).find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
  return first;
}
