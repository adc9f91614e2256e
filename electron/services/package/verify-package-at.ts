import {
  verifyPackage,
  type PackageVerification,
  type VerifyPackageDeps,
} from '../../../shared/package/verify';
import { nodeVerifyDeps } from './node-verify-deps';
import { openPackage } from './open-package';

/** Opens the package at `path` (folder or zip), verifies it read-only, and closes it. */
export async function verifyPackageAt(
  path: string,
  onProgress?: VerifyPackageDeps['onProgress'],
): Promise<PackageVerification> {
  const opened = await openPackage(path);
  try {
    return await verifyPackage(opened.reader, nodeVerifyDeps(onProgress));
  } finally {
    await opened.close();
  }
}
