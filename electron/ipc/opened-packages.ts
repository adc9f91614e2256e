import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { PackageHandleValue } from '../../shared/contracts';
import { PackageError } from '../../shared/errors';
import { openPackage } from '../services/package';

/** How many opened packages main remembers (the oldest handle is forgotten first). */
export const MAX_OPENED = 32;

/**
 * Packages main opened for the renderer: a path the user picked or an export just wrote, named
 * by a random handle. `package:*` calls pass the handle, never a path, so the renderer cannot
 * make main read anything the user did not choose.
 */
export class OpenedPackages {
  private readonly byHandle = new Map<string, PackageHandleValue>();

  /** Opens `path` read-only to check it is a package (folder or zip) and gives it a handle. */
  async open(path: string): Promise<PackageHandleValue> {
    const probe = await openPackage(path);
    const form = probe.reader.form;
    await probe.close();
    const opened = { handle: `pkg-${randomUUID()}`, path, name: basename(path), form };
    this.byHandle.set(opened.handle, opened);
    if (this.byHandle.size > MAX_OPENED) {
      const oldest = this.byHandle.keys().next().value;
      if (oldest !== undefined) this.byHandle.delete(oldest);
    }
    return opened;
  }

  get(handle: string): PackageHandleValue {
    const opened = this.byHandle.get(handle);
    if (opened === undefined) {
      throw new PackageError('PKG_UNREADABLE', 'this package is no longer open: open it again', {
        where: handle,
      });
    }
    return opened;
  }
}
