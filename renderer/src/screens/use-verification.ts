import { useEffect, useState } from 'react';
import type { PackageVerificationValue, ProgressEventValue } from '../../../shared/contracts';
import { BridgeError, getApi, unwrap } from '../bridge';

/** Runs the recipient's verification of an opened package, with progress and cancel. */
export function useVerification() {
  const [task, setTask] = useState<string | null>(null);
  const [progress, setProgress] = useState<ProgressEventValue | null>(null);
  const [result, setResult] = useState<PackageVerificationValue | null>(null);
  const [error, setError] = useState<{ message: string; code?: string } | null>(null);
  const [cancelling, setCancelling] = useState(false);

  useEffect(() => {
    if (task === null) return undefined;
    return getApi().onProgress((event) => {
      if (event.task === task) setProgress(event);
    });
  }, [task]);

  const verify = async (handle: string): Promise<PackageVerificationValue | null> => {
    const id = `verify-${crypto.randomUUID()}`;
    setTask(id);
    setProgress(null);
    setResult(null);
    setError(null);
    setCancelling(false);
    try {
      const value = await unwrap(getApi().package.verify({ package: handle, task: id }));
      setResult(value);
      return value;
    } catch (e) {
      const err = e as Error;
      setError(
        err instanceof BridgeError
          ? { message: err.message, code: err.code }
          : { message: err.message },
      );
      return null;
    } finally {
      setTask(null);
    }
  };
  const cancel = () => {
    if (task === null) return;
    setCancelling(true);
    void getApi().package.cancel({ task });
  };
  const reset = () => {
    setResult(null);
    setError(null);
  };
  return { running: task !== null, progress, result, error, cancelling, verify, cancel, reset };
}
