import { useEffect, useState } from 'react';
import type {
  ParseDecisionViewValue,
  ParsePreviewValue,
  ParserInfoValue,
  RequestOf,
  TableProfileValue,
} from '../../../shared/contracts';
import { BridgeError, getApi, unwrap } from '../bridge';
import { ErrorNotice } from '../components/ErrorNotice';
import { ParsePanel, emptyChoice, type ParseChoice } from '../components/ParsePanel';

type Options = RequestOf<'parse:preview'>['options'];

/** The panel's text fields → the request's options; a problem as a message for the analyst. */
export function optionsOf(c: ParseChoice): { options: Options } | { problem: string } {
  const options: { -readonly [K in keyof Options]: Options[K] } = {};
  if (c.assumeZone.trim() !== '') options.assumeZone = c.assumeZone.trim();
  if (c.year.trim() !== '') {
    const year = Number(c.year.trim());
    if (!Number.isInteger(year) || year < 1 || year > 9998)
      return { problem: 'The year must be a number like 2024.' };
    options.year = year;
  }
  if (c.logFormat.trim() !== '') options.logFormat = c.logFormat.trim();
  if (c.ambiguousTime === 'later') options.ambiguousTime = 'later';
  if (c.profile.trim() !== '') {
    try {
      options.profile = JSON.parse(c.profile) as Options['profile'];
    } catch {
      return { problem: 'The column profile is not valid JSON.' };
    }
  }
  return { options };
}

function choiceOf(d: ParseDecisionViewValue): ParseChoice {
  return {
    format: d.format,
    assumeZone: d.options.assumeZone ?? '',
    year: d.options.year === undefined ? '' : String(d.options.year),
    logFormat: d.options.logFormat ?? '',
    ambiguousTime: d.options.ambiguousTime ?? 'earlier',
    profile: d.options.profile === undefined ? '' : JSON.stringify(d.options.profile, null, 2),
    note: '',
  };
}

export interface ArtefactParseProps {
  readonly caseId: string;
  readonly artefact: string;
  readonly artefactName: string;
  readonly formats: readonly ParserInfoValue[];
  readonly recorded: ParseDecisionViewValue | null;
  readonly onSaved: () => void;
  readonly onClose: () => void;
}

/** Connects the Parse panel to main: preview, then save the decision as a signed record. */
export function ArtefactParse(props: ArtefactParseProps) {
  const [choice, setChoice] = useState<ParseChoice>(
    props.recorded === null ? emptyChoice : choiceOf(props.recorded),
  );
  const [preview, setPreview] = useState<ParsePreviewValue | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Error | null>(null);
  const [savedSeq, setSavedSeq] = useState<number | null>(null);
  const [canSign, setCanSign] = useState(false);
  const [profiles, setProfiles] = useState<TableProfileValue[]>([]);
  const [profileMessage, setProfileMessage] = useState<string | null>(null);

  const loadProfiles = () =>
    unwrap(getApi().profiles.list()).then(
      (l) => setProfiles(l.profiles),
      () => setProfiles([]),
    );
  useEffect(() => {
    void loadProfiles();
  }, []);

  const saveProfile = async () => {
    setProfileMessage(null);
    let profile: unknown;
    try {
      profile = JSON.parse(choice.profile);
    } catch {
      setProfileMessage('Not saved: the profile is not valid JSON.');
      return;
    }
    try {
      const saved = await unwrap(getApi().profiles.save({ profile: profile as TableProfileValue }));
      setProfileMessage(`Saved (${saved.file}); it is offered for the next reply of this kind.`);
      await loadProfiles();
    } catch (error) {
      setProfileMessage(`Not saved: ${(error as Error).message}`);
    }
  };

  useEffect(() => {
    unwrap(getApi().identity.status()).then(
      (s) => setCanSign(s.unlocked),
      () => setCanSign(false),
    );
  }, [preview]);

  const run = async () => {
    setProblem(null);
    setSavedSeq(null);
    const o = optionsOf(choice);
    if ('problem' in o) {
      setProblem(new BridgeError('PARSE_OPTIONS_INVALID', o.problem));
      return;
    }
    setBusy(true);
    try {
      const result = await unwrap(
        getApi().parse.preview({
          id: props.caseId,
          artefact: props.artefact,
          options: o.options,
          ...(choice.format === '' ? {} : { format: choice.format }),
        }),
      );
      setPreview(result);
    } catch (error) {
      setPreview(null);
      setProblem(error as Error);
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    if (preview === null) return;
    const o = optionsOf(choice);
    if ('problem' in o) return;
    setProblem(null);
    setBusy(true);
    try {
      const saved = await unwrap(
        getApi().parse.record({
          id: props.caseId,
          artefact: props.artefact,
          format: preview.parser.name,
          options: o.options,
          ...(choice.note.trim() === '' ? {} : { note: choice.note.trim() }),
        }),
      );
      setSavedSeq(saved.seq);
      props.onSaved();
    } catch (error) {
      setProblem(error as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {problem !== null && (
        <ErrorNotice
          title="The parse did not run"
          message={problem.message}
          code={problem instanceof BridgeError ? problem.code : undefined}
        />
      )}
      <ParsePanel
        artefactName={props.artefactName}
        formats={props.formats}
        recorded={props.recorded}
        choice={choice}
        onChange={setChoice}
        preview={preview}
        busy={busy}
        savedSeq={savedSeq}
        canSign={canSign}
        onPreview={() => void run()}
        onSave={() => void save()}
        onClose={props.onClose}
        profiles={profiles}
        onSaveProfile={() => void saveProfile()}
        profileMessage={profileMessage}
      />
    </>
  );
}
