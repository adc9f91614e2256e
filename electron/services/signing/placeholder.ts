import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFInvalidObject,
  PDFName,
  PDFNumber,
  PDFString,
  type PDFDocument,
} from 'pdf-lib';
import { CmsError } from '../../../shared/errors';

/** Written in /ByteRange until the real ranges are known (same width as the real array). */
const RANGE_PLACEHOLDER = '**********';
/** Annotation flag Print (PDF 32000-1 §12.5.3); the widget has an empty rectangle: invisible. */
const ANNOT_PRINT = 4;
/** AcroForm SigFlags: SignaturesExist | AppendOnly. */
const SIG_FLAGS = 3;
/** Hex zeros of /Contents included in the marker, so it cannot match a mere mention. */
const MARKER_ZEROS = 32;

export interface SignatureFields {
  readonly reason: string;
  readonly location: string;
  readonly name: string;
  readonly contactInfo: string;
  /** Written as /M (PAdES puts the claimed signing time there, not in the CMS). */
  readonly signingTime: Date;
}

export interface Placeholder {
  /** The signature dictionary's bytes up to the first hex digit of /Contents: found in the saved file. */
  readonly marker: Uint8Array;
  /** Offsets inside `marker` of the `[` of /ByteRange and of the `<` of /Contents. */
  readonly byteRangeAt: number;
  readonly contentsAt: number;
  /** Width of the /ByteRange array text, `[` to `]` inclusive. */
  readonly byteRangeWidth: number;
  /** Bytes of CMS the /Contents hole can hold. */
  readonly capacity: number;
}

function indexOfText(bytes: Uint8Array, text: string): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf(text, 0, 'latin1');
}

/**
 * Adds an invisible signature field to page 1 — AcroForm, a /Sig field merged with its widget,
 * /V the signature dictionary (/Adobe.PPKLite, /ETSI.CAdES.detached, /ByteRange placeholder,
 * /Contents of `capacity` zero bytes, /M) — with pdf-lib low-level objects. The dictionary is
 * registered as raw bytes so the saved file holds exactly the text we search for afterwards.
 */
export function addSignaturePlaceholder(
  doc: PDFDocument,
  fields: SignatureFields,
  capacity: number,
): Placeholder {
  const page = doc.getPages()[0];
  if (page === undefined) {
    throw new CmsError('PDF_SIGN_INVALID_DOCUMENT', 'the PDF has no page for the signature field');
  }
  const { context } = doc;
  const byteRange = PDFArray.withContext(context);
  byteRange.push(PDFNumber.of(0));
  for (let i = 0; i < 3; i++) byteRange.push(PDFName.of(RANGE_PLACEHOLDER));

  const sigDict = context.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'ETSI.CAdES.detached',
    ByteRange: byteRange,
    Contents: PDFHexString.of('0'.repeat(capacity * 2)),
    M: PDFString.fromDate(fields.signingTime),
    Name: PDFHexString.fromText(fields.name),
    Reason: PDFHexString.fromText(fields.reason),
    Location: PDFHexString.fromText(fields.location),
    ContactInfo: PDFHexString.fromText(fields.contactInfo),
  });
  const sigBytes = new Uint8Array(sigDict.sizeInBytes());
  sigDict.copyBytesInto(sigBytes, 0);
  const sigRef = context.register(PDFInvalidObject.of(sigBytes));

  const byteRangeAt = indexOfText(sigBytes, '/ByteRange') + '/ByteRange'.length + 1;
  const byteRangeEnd = indexOfText(sigBytes.subarray(byteRangeAt), ']') + byteRangeAt + 1;
  const contentsAt = indexOfText(sigBytes, '/Contents <') + '/Contents '.length;
  if (sigBytes[byteRangeAt] !== 0x5b || contentsAt < byteRangeEnd) {
    throw new CmsError('PDF_SIGN_INVALID_DOCUMENT', 'unexpected signature dictionary layout');
  }

  const acroForm = formOf(doc);
  const existing = acroForm.lookupMaybe(PDFName.of('Fields'), PDFArray);
  const fieldsArray = existing ?? context.obj([]);
  if (existing === undefined) acroForm.set(PDFName.of('Fields'), fieldsArray);
  const flags = acroForm.lookupMaybe(PDFName.of('SigFlags'), PDFNumber)?.asNumber() ?? 0;
  acroForm.set(PDFName.of('SigFlags'), PDFNumber.of(flags | SIG_FLAGS));

  const appearance = context.register(
    context.formXObject([], { BBox: [0, 0, 0, 0], Resources: {} }),
  );
  const widget = context.register(
    context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      Rect: [0, 0, 0, 0],
      V: sigRef,
      T: PDFHexString.fromText(`Sealcase signature ${fieldsArray.size() + 1}`),
      F: ANNOT_PRINT,
      P: page.ref,
      AP: { N: appearance },
    }),
  );
  fieldsArray.push(widget);
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  if (annots === undefined) page.node.set(PDFName.of('Annots'), context.obj([widget]));
  else annots.push(widget);

  return {
    marker: sigBytes.slice(0, contentsAt + 1 + MARKER_ZEROS),
    byteRangeAt,
    contentsAt,
    byteRangeWidth: byteRangeEnd - byteRangeAt,
    capacity,
  };
}

function formOf(doc: PDFDocument): PDFDict {
  const found = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  if (found !== undefined) return found;
  const form = doc.context.obj({ Fields: [] });
  doc.catalog.set(PDFName.of('AcroForm'), doc.context.register(form));
  return form;
}
