import { createSha256 } from '../../shared/digest';
import type { WebCryptoEngine } from '../../shared/cms';
import { verifyPackage, type PackageReader } from '../../shared/package/verify';
import { createWebCustodyCrypto } from './custody-web-crypto';
import { folderFilesReader, zipFileReader, type PickedFile } from './file-readers';
import { el, progressView, resultView } from './render';

/**
 * verify.html: the recipient picks the package folder or its zip; every check of FORMAT.md §7
 * runs here with WebCrypto and the results are shown. No network, no storage, nothing written.
 */
const app = document.getElementById('app');
const engine = globalThis.crypto as unknown as WebCryptoEngine;

function pickerView(): HTMLElement {
  const folderInput = el('input', {
    className: 'visually-hidden',
    attrs: { type: 'file', webkitdirectory: '', id: 'pick-folder' },
  });
  const zipInput = el('input', {
    className: 'visually-hidden',
    attrs: { type: 'file', accept: '.zip,application/zip', id: 'pick-zip' },
  });
  folderInput.addEventListener('change', () => {
    const files = [...(folderInput.files ?? [])] as PickedFile[];
    if (files.length > 0) void run(folderFilesReader(files));
  });
  zipInput.addEventListener('change', () => {
    const file = zipInput.files?.[0];
    if (file !== undefined) void run(zipFileReader(file));
  });
  const drop = el('section', { className: 'panel', attrs: { id: 'drop' } }, [
    el('h2', { text: 'Choose the package' }),
    el('p', {
      text: 'Pick the package folder (the one holding bagit.txt and this page), or the package .zip. You can also drop a .zip onto this box.',
    }),
    el('div', { className: 'pickers' }, [
      el('label', { className: 'button' }, ['Choose package folder…', folderInput]),
      el('label', { className: 'button' }, ['Choose package .zip…', zipInput]),
    ]),
    el('p', {
      className: 'muted',
      text: 'The browser may ask whether to "upload" the folder: nothing leaves this computer; the page only reads the files.',
    }),
  ]);
  drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    const file = event.dataTransfer?.files[0];
    if (file !== undefined && file.name.toLowerCase().endsWith('.zip'))
      void run(zipFileReader(file));
  });
  return drop;
}

let picker: HTMLElement | null = null;
let output: HTMLElement | null = null;

async function run(reader: PackageReader): Promise<void> {
  if (app === null) return;
  output?.remove();
  const progress = progressView(reader.label);
  output = progress.root;
  app.append(output);
  try {
    const result = await verifyPackage(reader, {
      createSha256,
      custody: createWebCustodyCrypto(engine),
      engine,
      onProgress: (p) => progress.update(p),
    });
    const view = resultView(reader.label, result);
    output.replaceWith(view);
    output = view;
  } catch (error) {
    const view = el('section', { className: 'panel' }, [
      el('div', {
        className: 'verdict fail',
        text: 'The package could not be read.',
        attrs: { role: 'alert' },
      }),
      el('p', { text: error instanceof Error ? error.message : String(error) }),
    ]);
    output.replaceWith(view);
    output = view;
  }
  picker?.scrollIntoView({ block: 'start' });
}

if (app !== null) {
  picker = pickerView();
  app.append(picker);
}
