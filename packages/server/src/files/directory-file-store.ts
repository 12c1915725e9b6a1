import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileStore } from './file-store.js';

/** Upload ids are `upl_` and base64url: nothing that could leave the directory. */
const safeId = /^[A-Za-z0-9_-]+$/;

function pathIn(dir: string, id: string): string {
  if (!safeId.test(id)) throw new Error(`Not an upload id: ${JSON.stringify(id)}`);
  return join(dir, id);
}

/**
 * One file per upload, `<dir>/<id>`. A file is written under a temporary name, synced, renamed to
 * its id and the directory synced, all before the transaction that records the upload begins: a
 * crash at any point leaves at most a file that no row names (a `.tmp-` one, or an upload whose
 * row never committed), never a row without its file, and the file a committed row names has
 * survived a power cut. With several instances `dir` must be one directory they all mount.
 */
export function createDirectoryFileStore(dir: string): FileStore & { readonly kind: 'directory' } {
  return {
    kind: 'directory',
    location: dir,

    async stage(id, bytes) {
      const path = pathIn(dir, id);
      await mkdir(dir, { recursive: true });
      const temporary = join(dir, `.tmp-${id}-${randomBytes(6).toString('hex')}`);
      try {
        const file = await open(temporary, 'wx');
        try {
          await file.writeFile(bytes);
          await file.sync();
        } finally {
          await file.close();
        }
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      await syncDirectory(dir);
      return {
        async keep() {
          // Already on disk: the row the caller inserts is all the transaction adds.
        },
        discard: () => rm(path, { force: true }),
      };
    },

    async read(id) {
      if (!safeId.test(id)) return undefined;
      try {
        return await readFile(join(dir, id));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
  };
}

/** Makes the rename durable. Some file systems cannot sync a directory (EINVAL): the rename stands. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'ENOTSUP' && code !== 'EISDIR') throw error;
  } finally {
    await handle.close();
  }
}
