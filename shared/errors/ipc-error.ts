import { SealcaseError } from './sealcase-error';

export const IPC_ERROR_CODES = [
  'INVALID_PAYLOAD',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN_SENDER',
  'INVALID_RESPONSE',
  'INTERNAL',
  /** The user cancelled the long task (export, package verification) this call ran. */
  'TASK_CANCELLED',
] as const;
export type IpcErrorCode = (typeof IPC_ERROR_CODES)[number];

export class IpcError extends SealcaseError<IpcErrorCode> {
  readonly area = 'ipc';
  override readonly name = 'IpcError';
}
