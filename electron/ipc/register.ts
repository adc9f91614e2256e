import { CHANNELS, fail, type Result } from '../../shared/contracts';
import { dispatch } from './dispatch';
import type { HandlerTable } from './handlers';
import { isTrustedSender, type FrameLike } from './sender';

/** The parts of `ipcMain` registration uses, so this module never imports `electron`. */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (
      event: { senderFrame: FrameLike | null },
      payload: unknown,
    ) => Promise<Result<unknown>>,
  ): void;
}

/** Registers every channel of the contract, each with the sender check and payload validation. */
export function registerHandlers(
  ipcMain: IpcMainLike,
  handlers: HandlerTable,
  trusted: (frame: FrameLike | null) => boolean = isTrustedSender,
): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, payload) => {
      if (!trusted(event.senderFrame)) {
        return fail(
          'FORBIDDEN_SENDER',
          `${channel}: refused a call from ${event.senderFrame?.url ?? 'a destroyed frame'}`,
        );
      }
      return dispatch(handlers, channel, payload);
    });
  }
}
