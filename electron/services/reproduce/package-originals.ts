/**
 * The originals of a package (`data/originals/<sha256>/<name>`, FORMAT.md §2) and how to parse
 * one of them the way a decision says: the recorded format, the recorded options, and the parser
 * version that must still be this Sealcase's. The bytes are streamed from the package (folder or
 * zip) through the manifest check of `VerifiedPackage`.
 */
import { isSealcaseError } from '../../../shared/errors';
import type { ParseDecisionOptions } from '../../../shared/model';
import { classifyBagPath } from '../../../shared/package';
import {
  validateParseOptions,
  type OutputSink,
  type ParserRegistry,
} from '../../../shared/parsers';
import { parseFile } from '../parse';
import type { ReproduceFindingCode } from './report';
import type { VerifiedPackage } from './verified-package';

/** How an original was to be parsed (a parse decision, or one input of an attribution run). */
export interface RecordedParse {
  readonly artefact: string;
  readonly format: string;
  readonly parserVersion: string;
  readonly options: ParseDecisionOptions;
}

export interface CannotReproduce {
  readonly code: ReproduceFindingCode;
  readonly reason: string;
}

export class PackageOriginals {
  private readonly paths = new Map<string, string>();

  constructor(
    private readonly pkg: VerifiedPackage,
    private readonly registry: ParserRegistry,
    /** Artefact → its name at intake (from the ledger). */
    private readonly names: ReadonlyMap<string, string>,
  ) {
    for (const path of pkg.manifest.keys()) {
      const kind = classifyBagPath(path);
      if (kind?.kind === 'original') this.paths.set(kind.sha256, path);
    }
  }

  /** The original's bag path, or null when the package lacks it. */
  pathOf(artefact: string): string | null {
    const path = this.paths.get(artefact);
    return path !== undefined && this.pkg.has(path) ? path : null;
  }

  nameOf(artefact: string): string {
    const path = this.paths.get(artefact);
    return this.names.get(artefact) ?? path?.split('/').pop() ?? artefact;
  }

  /** Why this parse cannot be repeated here, or null when it can. */
  check(recorded: RecordedParse): CannotReproduce | null {
    const parser = this.registry.get(recorded.format);
    if (parser === undefined) {
      return {
        code: 'REPRODUCE_FORMAT_UNKNOWN',
        reason: `decided as format "${recorded.format}", which this Sealcase has no parser for`,
      };
    }
    if (parser.version !== recorded.parserVersion) {
      return {
        code: 'REPRODUCE_PARSER_VERSION',
        reason: `decided with ${recorded.format} ${recorded.parserVersion}, this Sealcase has ${recorded.format} ${parser.version}; run the Sealcase version that made the package`,
      };
    }
    if (this.pathOf(recorded.artefact) === null) {
      return {
        code: 'REPRODUCE_ORIGINAL_MISSING',
        reason: `the original ${recorded.artefact} (${this.nameOf(recorded.artefact)}) is not in the package`,
      };
    }
    return null;
  }

  /**
   * Parses the original as recorded (call `check` first). A parse that cannot start is returned
   * as `REPRODUCE_PARSE_FAILED`; an integrity failure of the package is thrown.
   */
  async parse(recorded: RecordedParse, sink: OutputSink): Promise<CannotReproduce | null> {
    const path = this.pathOf(recorded.artefact)!;
    // The parser runner turns a throwing sink into its own read error: keep the sink's.
    let sinkFailure: { error: unknown } | null = null;
    const guarded: OutputSink = async (out) => {
      if (sinkFailure !== null) return;
      try {
        await sink(out);
      } catch (error) {
        sinkFailure = { error };
        throw error;
      }
    };
    try {
      await parseFile(
        {
          path: `${this.pkg.label}/${path}`,
          fileName: this.nameOf(recorded.artefact),
          format: recorded.format,
          options: validateParseOptions({ ...recorded.options, artefact: recorded.artefact }),
          registry: this.registry,
          source: { size: this.pkg.size(path), blocks: () => this.pkg.blocks(path) },
        },
        guarded,
      );
    } catch (error) {
      this.pkg.assertIntact();
      if (sinkFailure !== null) throw (sinkFailure as { error: unknown }).error;
      if (!isSealcaseError(error) || error.area !== 'parse') throw error;
      return { code: 'REPRODUCE_PARSE_FAILED', reason: `${error.code}: ${error.message}` };
    }
    this.pkg.assertIntact();
    if (sinkFailure !== null) throw (sinkFailure as { error: unknown }).error;
    await this.pkg.ensureVerified(path);
    return null;
  }
}
