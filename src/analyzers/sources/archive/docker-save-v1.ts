// `docker save` from before Docker 1.10: no manifest.json; `repositories` maps names to the top
// layer's id, and each `<id>/json` names its `parent`. The image is read down the parent chain:
// layers bottom to top, the config from the top layer's json, one history entry per layer.
import { LayerlintError } from '../../../errors.js';
import type { HistoryEntry, ImageConfig, ImageModel } from '../../../model/types.js';
import { allInOrder, type OnLayer } from '../all-in-order.js';
import { assembleImage, layerLabel } from '../assemble.js';
import { checkShape } from '../image-schemas.js';
import { readJson } from './json.js';
import { pickImage } from './pick-image.js';
import type { ArchiveView } from './view.js';

interface V1Json {
  id?: string;
  parent?: string;
  created?: string;
  author?: string;
  comment?: string;
  architecture?: string;
  os?: string;
  config?: ImageConfig['config'];
  container_config?: { Cmd?: string[] | null } | null;
}

const ID = /^[0-9a-f]{64}$/;
/** Longer chains than this are a loop or a hostile archive (Docker capped images at 127 layers). */
const MAX_CHAIN = 1000;

export async function loadDockerSaveV1(
  view: ArchiveView,
  ref: string,
  tag: string | undefined,
  onLayer?: OnLayer,
): Promise<ImageModel> {
  const { value: repositories } = await readJson<Record<string, Record<string, string>>>(
    view,
    'repositories',
    'repositories',
    undefined,
    'docker repositories',
  );
  const named = Object.entries(repositories).flatMap(([repo, tags]) =>
    Object.entries(tags).map(([t, id]) => ({ name: `${repo}:${t}`, id })),
  );
  if (named.length === 0) throw new LayerlintError(`${view.describe}: repositories names no image`);
  // one image under several names is one image
  const images = [...new Map(named.map((n) => [n.id, named.filter((m) => m.id === n.id)])).values()];
  const chosen = pickImage(
    images,
    (names) => names.map((n) => n.name),
    tag,
    view.describe,
    'docker-archive:PATH:NAME:TAG',
  );
  const chain: { id: string; json: V1Json }[] = [];
  for (let id: string | undefined = chosen[0].id; id !== undefined; ) {
    if (!ID.test(id) || chain.length >= MAX_CHAIN || chain.some((c) => c.id === id)) {
      throw new LayerlintError(`${view.describe}: layer chain broken or looping at "${String(id).slice(0, 80)}"`);
    }
    if (!view.has(`${id}/json`) || !view.has(`${id}/layer.tar`)) {
      throw new LayerlintError(
        `${view.describe}: layer ${id} of the parent chain is missing (${id}/json, ${id}/layer.tar)`,
      );
    }
    const { value: json }: { value: V1Json } = await readJson<V1Json>(
      view,
      `${id}/json`,
      `${id}/json`,
      undefined,
      'docker v1 layer json',
    );
    chain.push({ id, json });
    id = json.parent || undefined;
  }
  chain.reverse();
  const walks = await allInOrder(
    chain.map(({ id }, i) => view.walkLayer(`${id}/layer.tar`, `${layerLabel(i)} "${id}/layer.tar"`)),
    onLayer,
  );
  const top = chain[chain.length - 1].json;
  const history: HistoryEntry[] = chain.map(({ json }) => ({
    ...(json.created ? { created: json.created } : {}),
    ...(json.author ? { author: json.author } : {}),
    ...(json.comment ? { comment: json.comment } : {}),
    ...(json.container_config?.Cmd?.length ? { created_by: json.container_config.Cmd.join(' ') } : {}),
  }));
  const config: ImageConfig = {
    architecture: top.architecture ?? 'amd64',
    os: top.os ?? 'linux',
    ...(top.created ? { created: top.created } : {}),
    config: top.config ?? {},
    rootfs: { type: 'layers', diff_ids: walks.map((w) => w.diffId) },
    history,
  };
  checkShape(config, 'image config', `image config of ${chosen[0].name} in ${view.describe}`);
  return assembleImage({
    ref,
    source: 'archive',
    format: 'docker-save-v1',
    config,
    layers: walks.map((walk) => ({ walk })),
    repoTags: chosen.map((n) => n.name),
    notices: ['a docker save from before Docker 1.10: read down its parent chain; layer digests were computed here'],
  });
}
