import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  type PDFDocument,
} from 'pdf-lib';
import type { OutlineEntry } from './writer';

interface Node {
  readonly entry: OutlineEntry;
  readonly ref: PDFRef;
  readonly children: Node[];
}

/**
 * Write the document outline (bookmarks, ISO 32000-1 §12.3.3) with pdf-lib's low-level objects:
 * pdf-lib has no outline API. Level-1 entries nest under the level-0 entry before them. Each item
 * points at its page with an `/XYZ left top null` destination; top-level items are open, so the
 * reader shows the sections and their first level.
 */
export function writeOutline(doc: PDFDocument, entries: readonly OutlineEntry[]): void {
  if (entries.length === 0) return;
  const ctx = doc.context;
  const pages = doc.getPages();
  const roots: Node[] = [];
  for (const entry of entries) {
    const node: Node = { entry, ref: ctx.nextRef(), children: [] };
    const parent = roots[roots.length - 1];
    if (entry.level === 1 && parent !== undefined) parent.children.push(node);
    else roots.push(node);
  }
  const outlinesRef = ctx.nextRef();

  const writeLevel = (nodes: readonly Node[], parentRef: PDFRef): number => {
    let visible = 0;
    nodes.forEach((node, i) => {
      // Entries are recorded by the writer on pages it created: the index always exists.
      const page = pages[node.entry.pageIndex]!;
      const dest = PDFArray.withContext(ctx);
      dest.push(page.ref);
      dest.push(PDFName.of('XYZ'));
      dest.push(PDFNumber.of(0));
      dest.push(PDFNumber.of(Math.round(node.entry.top)));
      dest.push(ctx.obj(null));
      const dict = ctx.obj({}) as PDFDict;
      dict.set(PDFName.of('Title'), PDFHexString.fromText(node.entry.title));
      dict.set(PDFName.of('Parent'), parentRef);
      dict.set(PDFName.of('Dest'), dest);
      const prev = nodes[i - 1];
      const next = nodes[i + 1];
      if (prev !== undefined) dict.set(PDFName.of('Prev'), prev.ref);
      if (next !== undefined) dict.set(PDFName.of('Next'), next.ref);
      if (node.children.length > 0) {
        writeLevel(node.children, node.ref);
        dict.set(PDFName.of('First'), node.children[0]!.ref);
        dict.set(PDFName.of('Last'), node.children[node.children.length - 1]!.ref);
        // Negative count: closed. Sections with many children (findings) start closed.
        const open = node.entry.level === 0 && node.children.length <= 12;
        dict.set(
          PDFName.of('Count'),
          PDFNumber.of(open ? node.children.length : -node.children.length),
        );
        if (open) visible += node.children.length;
      }
      ctx.assign(node.ref, dict);
      visible += 1;
    });
    return visible;
  };

  const count = writeLevel(roots, outlinesRef);
  const outlines = ctx.obj({}) as PDFDict;
  outlines.set(PDFName.of('Type'), PDFName.of('Outlines'));
  outlines.set(PDFName.of('First'), roots[0]!.ref);
  outlines.set(PDFName.of('Last'), roots[roots.length - 1]!.ref);
  outlines.set(PDFName.of('Count'), PDFNumber.of(count));
  ctx.assign(outlinesRef, outlines);
  doc.catalog.set(PDFName.of('Outlines'), outlinesRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
