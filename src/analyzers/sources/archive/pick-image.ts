// Choosing one image of a multi-image archive by the name the reference gives (skopeo's forms:
// "NAME:TAG" or "@N" for docker-archive, the ref name for oci-archive/oci). Pure.
import { LayerlintError } from '../../../errors.js';

/** "app" -> "app:latest"; "docker.io/library/app:2", "localhost/app:2" -> "app:2". */
function normalized(ref: string): string {
  let name = ref
    .replace(/^(?:index\.)?docker\.io\//, '')
    .replace(/^library\//, '')
    .replace(/^localhost\//, '');
  if (!name.includes('@') && !/:[^/]*$/.test(name)) name = `${name}:latest`;
  return name;
}

/**
 * The item named `wanted` (`namesOf` lists an item's names), or one clear error listing what
 * exists. Without `wanted`, an archive of one image gives it; of several, an error (never the
 * first silently). A bare word that is no name may still be the tag of exactly one image ("2").
 */
export function pickImage<T>(
  items: T[],
  namesOf: (item: T) => string[],
  wanted: string | undefined,
  describe: string,
  form: string,
): T {
  const label = (item: T, i: number) => namesOf(item)[0] ?? `@${i}`;
  const listing = () => items.map(label).join(', ');
  if (wanted === undefined) {
    if (items.length === 1) return items[0];
    throw new LayerlintError(`${describe} holds ${items.length} images (${listing()}): name one as ${form}`);
  }
  const index = /^@(\d+)$/.exec(wanted);
  if (index) {
    const item = items[Number(index[1])];
    if (item === undefined) {
      throw new LayerlintError(
        `${describe} has no image ${wanted}: it holds ${items.length} (@0 to @${items.length - 1})`,
      );
    }
    return item;
  }
  const want = normalized(wanted);
  const found = items.filter((item) => namesOf(item).some((n) => n === wanted || normalized(n) === want));
  if (found.length === 1) return found[0];
  if (found.length === 0 && /^[\w.-]+$/.test(wanted)) {
    const byTag = items.filter((item) => namesOf(item).some((n) => n.endsWith(`:${wanted}`)));
    if (byTag.length === 1) return byTag[0];
  }
  if (found.length > 1) return found[0]; // one image under several equal names (a manifest listed twice)
  throw new LayerlintError(`${describe} has no image named "${wanted}" (it has: ${listing() || 'no names'})`);
}
