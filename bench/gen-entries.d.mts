export function tarHeader(name: string, size?: number, typeflag?: string, mode?: number): Buffer;
export function tarMember(name: string, data: Buffer): Buffer;
export function floodLayer(entries: number, tag: string): { diffId: string; blob: Buffer };
export function writeEntryFlood(
  out: string,
  entriesPerLayer: number,
  layers?: number,
): Promise<{ entries: number; blobBytes: number }>;
