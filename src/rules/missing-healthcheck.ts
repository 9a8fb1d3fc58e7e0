import { dockerFinding, finalStageIndex } from '../analyzers/dockerfile/rule-kit.js';
import type { DockerfileModel, DockerInstruction } from '../analyzers/dockerfile/types.js';
import type { ImageModel, Rule } from '../model/types.js';
import { NO_OPTIONS } from './image-kit.js';

/**
 * The image runs something (it has a CMD or ENTRYPOINT) but defines no HEALTHCHECK, or disables the
 * base image's with HEALTHCHECK NONE: Docker and Swarm cannot tell a hung service from a healthy one.
 * (Kubernetes ignores HEALTHCHECK and uses probes: turn the rule off there.)
 *
 * When the Dockerfile given with --dockerfile defines one and the image has none, the health check
 * is not missing from the build: a conversion to the OCI image format (skopeo, buildah, podman
 * `--format oci`) dropped it, since the OCI config has no Healthcheck. That is said instead, on
 * the HEALTHCHECK line.
 *
 * data: reason ('none' | 'disabled' | 'dropped-by-conversion').
 */
export const rule: Rule = {
  id: 'missing-healthcheck',
  meta: {
    description: 'the image defines no HEALTHCHECK (or disables it with HEALTHCHECK NONE)',
    category: 'hygiene',
    defaultSeverity: 'note',
    fixable: false,
    requires: 'image',
    docs: 'docs/rules/missing-healthcheck.md',
    aliases: ['DL3057', 'DS026'],
    schema: NO_OPTIONS,
    defaultOptions: {},
  },
  check(ctx) {
    const c = ctx.analysis?.image.config.config;
    if (!ctx.analysis || !(c?.Cmd?.length || c?.Entrypoint?.length)) return [];
    const test = c.Healthcheck?.Test;
    const reason = !test || test.length === 0 ? 'none' : test[0] === 'NONE' ? 'disabled' : undefined;
    if (!reason) return [];
    const defined =
      reason === 'none' && ctx.dockerfile ? definedHealthcheck(ctx.dockerfile, ctx.mapping?.targetStage) : undefined;
    if (defined && ctx.dockerfile) {
      return [
        {
          ...dockerFinding(ctx.dockerfile, defined, droppedMessage(ctx.analysis.image), {
            reason: 'dropped-by-conversion',
          }),
          suggestion:
            "Keep the Docker image format where HEALTHCHECK matters (buildah/podman --format docker, skopeo copy --format v2s2), or use the orchestrator's probes.",
        },
      ];
    }
    return [
      {
        message: reason === 'none' ? 'the image defines no HEALTHCHECK' : 'HEALTHCHECK NONE disables the health check',
        data: { reason },
        suggestion:
          'Add HEALTHCHECK CMD <a command that fails when the service is unhealthy>, e.g. HEALTHCHECK CMD wget -qO- http://localhost:8080/health || exit 1.',
      },
    ];
  },
};

/** The HEALTHCHECK that takes effect in the built stage, unless it is HEALTHCHECK NONE. */
function definedHealthcheck(model: DockerfileModel, target: number | undefined): DockerInstruction | undefined {
  const stage = model.stages[target ?? finalStageIndex(model)];
  const last = stage?.instructions.filter((i) => i.keyword === 'HEALTHCHECK').at(-1);
  return last && !/^\s*NONE\s*$/i.test(last.args) ? last : undefined;
}

function droppedMessage(image: ImageModel): string {
  const oci =
    image.layers.some((l) => l.mediaType?.startsWith('application/vnd.oci.')) || image.format === 'oci-layout';
  return oci
    ? 'the Dockerfile defines a HEALTHCHECK but the image has none: its conversion to the OCI format dropped it'
    : 'the Dockerfile defines a HEALTHCHECK but the image has none: a conversion dropped it, or the image was not built from this Dockerfile';
}

export default rule;
