import { useEffect, useState } from 'react';
import { describeLocator } from '../../../shared/model';
import { getApi, unwrap } from '../bridge';
import { ArtefactExcerpt, type ExcerptLine } from '../components/ArtefactExcerpt';
import { lineOfLocator, type ArtefactFocus } from './evidence-links';

/** Lines shown before and after the named one (a RADIUS record runs on over the next lines). */
const BEFORE = 2;
const AFTER = 6;

export interface ArtefactLocationProps {
  readonly caseId: string;
  readonly focus: ArtefactFocus;
  readonly artefactName: string;
}

/** Reads the lines around a "Show in artefact" location from the vault (one line per call). */
export function ArtefactLocation({ caseId, focus, artefactName }: ArtefactLocationProps) {
  const target = lineOfLocator(focus.locator) ?? null;
  const [lines, setLines] = useState<ExcerptLine[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (target === null) return undefined;
    let live = true;
    const numbers: number[] = [];
    for (let n = Math.max(1, target - BEFORE); n <= target + AFTER; n++) numbers.push(n);
    void Promise.all(
      numbers.map((line) =>
        unwrap(getApi().workspace.excerpt({ id: caseId, artefact: focus.artefact, line })),
      ),
    ).then(
      (read) => {
        if (!live) return;
        const found: ExcerptLine[] = [];
        for (let i = 0; i < read.length; i++) {
          const r = read[i];
          if (r === undefined || !r.found) break;
          found.push({ line: numbers[i] as number, text: r.text, truncated: r.truncated });
        }
        // The empty "line" after a final newline is not a line of the artefact.
        const last = found[found.length - 1];
        if (last !== undefined && last.line > target && last.text === '') found.pop();
        setLines(found);
        setProblem(null);
      },
      (error: unknown) => {
        if (live) setProblem(`The original could not be read: ${(error as Error).message}`);
      },
    );
    return () => {
      live = false;
    };
  }, [caseId, focus.artefact, target]);
  return (
    <ArtefactExcerpt
      label={focus.label}
      artefactName={artefactName}
      sha256={focus.artefact}
      where={describeLocator(focus.locator)}
      target={target}
      lines={lines}
      problem={problem}
      backHref={`/cases/${encodeURIComponent(caseId)}/attribution`}
    />
  );
}
