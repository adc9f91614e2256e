/**
 * A package reader pushes a file's bytes into a sink (`PackageReader.stream`); parsers and line
 * comparisons pull them. `pullBlocks` turns the one into the other with a hand-over of one block
 * at a time: the reader's sink does not return until the consumer asks for the next block, so
 * memory stays at one block and a block the reader reuses is never read after it changed.
 * Leaving the loop early stops the reader (its sink throws a private stop signal, swallowed).
 */
import type { ChunkSink } from '../../../shared/package/verify/reader';

const STOP = Symbol('pull-blocks stop');

export async function* pullBlocks(
  stream: (sink: ChunkSink) => Promise<void>,
): AsyncGenerator<Uint8Array> {
  let block: Uint8Array | null = null;
  let finished = false;
  let failure: { error: unknown } | null = null;
  let stopped = false;
  let wakeConsumer: (() => void) | null = null;
  let resumeProducer: (() => void) | null = null;

  const wake = (): void => {
    const w = wakeConsumer;
    wakeConsumer = null;
    w?.();
  };
  const resume = (): void => {
    const r = resumeProducer;
    resumeProducer = null;
    r?.();
  };

  const producer = stream(async (chunk) => {
    if (stopped) throw STOP;
    block = chunk;
    wake();
    await new Promise<void>((r) => (resumeProducer = r));
    if (stopped) throw STOP;
  }).then(
    () => {
      finished = true;
      wake();
    },
    (error: unknown) => {
      if (error !== STOP) failure = { error };
      finished = true;
      wake();
    },
  );

  try {
    for (;;) {
      if (block !== null) {
        const next: Uint8Array = block;
        block = null;
        yield next;
        resume();
        continue;
      }
      if (finished) {
        if (failure !== null) throw (failure as { error: unknown }).error;
        return;
      }
      await new Promise<void>((r) => (wakeConsumer = r));
    }
  } finally {
    if (!finished) {
      stopped = true;
      resume();
      await producer;
    }
  }
}
