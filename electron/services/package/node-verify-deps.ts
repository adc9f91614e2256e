import { createHash } from 'node:crypto';
import type { VerifyPackageDeps } from '../../../shared/package/verify';
import { createNodeCustodyCrypto } from '../custody/node-crypto';
import { nodeRangeSha256, nodeWebCrypto } from '../signing/node-engine';

/** The verifier's runtime on Node: OpenSSL's SHA-256 and X.509, Node's WebCrypto for CMS. */
export function nodeVerifyDeps(onProgress?: VerifyPackageDeps['onProgress']): VerifyPackageDeps {
  return {
    createSha256: () => {
      const hash = createHash('sha256');
      return {
        update: (bytes) => {
          hash.update(bytes);
        },
        digest: () => new Uint8Array(hash.digest()),
      };
    },
    custody: createNodeCustodyCrypto(),
    engine: nodeWebCrypto,
    rangeSha256: nodeRangeSha256,
    ...(onProgress === undefined ? {} : { onProgress }),
  };
}
