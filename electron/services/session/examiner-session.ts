import { resolve } from 'node:path';
import { IdentityError } from '../../../shared/errors';
import { readIdentityFile, unlock, type UnlockedIdentity } from '../identity';

export interface SessionStatus {
  readonly unlocked: boolean;
  readonly name: string | null;
  readonly certSha256: string | null;
  readonly notAfter: string | null;
}

/**
 * The examiner signed in to the app: at most one unlocked identity, held in main only. Its key
 * never leaves this object; `status()` says who, never how. Locking drops the key (and the app
 * locks on quit and after `idleMs` without signing).
 */
export class ExaminerSession {
  private identity: UnlockedIdentity | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly now: () => Date = () => new Date(),
    private readonly idleMs: number = 15 * 60_000,
  ) {}

  async unlock(path: string, passphrase: string): Promise<SessionStatus> {
    const file = resolve(path);
    const identity = unlock(await readIdentityFile(file), passphrase, { where: file });
    const now = this.now();
    if (now < identity.notBefore || now > identity.notAfter) {
      identity.lock();
      throw new IdentityError(
        'IDENTITY_EXPIRED',
        `${file}: the certificate is valid from ${identity.notBefore.toISOString()} to ${identity.notAfter.toISOString()}, not now`,
        { where: file },
      );
    }
    this.lock();
    this.identity = identity;
    this.touch();
    return this.status();
  }

  lock(): SessionStatus {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.identity?.lock();
    this.identity = null;
    return this.status();
  }

  status(): SessionStatus {
    const id = this.identity;
    return id === null
      ? { unlocked: false, name: null, certSha256: null, notAfter: null }
      : {
          unlocked: true,
          name: id.name,
          certSha256: id.certSha256,
          notAfter: id.notAfter.toISOString(),
        };
  }

  /** The unlocked identity for main's own signing code, or null; each use restarts the idle clock. */
  signer(): UnlockedIdentity | null {
    if (this.identity !== null) this.touch();
    return this.identity;
  }

  private touch(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.lock(), this.idleMs);
    this.timer.unref?.();
  }
}
