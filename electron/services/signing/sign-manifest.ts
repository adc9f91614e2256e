import { createSignedData, type CmsSigner } from '../../../shared/cms';
import { nodeRangeSha256, nodeWebCrypto } from './node-engine';

export interface SignManifestOptions {
  /** Written as the CMS signingTime attribute; defaults to now. */
  readonly signingTime?: Date;
}

/**
 * A detached DER CMS signature over `bytes` (the package's manifest-sha256.txt), with the
 * signer's certificate and chain: `openssl cms -verify -binary -inform DER -in X.p7s -content X`
 * accepts it.
 */
export async function signManifest(
  bytes: Uint8Array,
  signer: CmsSigner,
  options: SignManifestOptions = {},
): Promise<Uint8Array> {
  return createSignedData(
    {
      digest: await nodeRangeSha256([bytes]),
      detached: true,
      signer,
      signingTime: options.signingTime ?? new Date(),
    },
    nodeWebCrypto,
  );
}
