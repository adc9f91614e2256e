import type { Locator } from '../../model/event';
import type { ExcelDateSystem } from '../../time/excel';
import type { StampOptions } from '../../time/stamp';
import type { Emit } from '../line-parser';
import type { ParseOptions } from '../types';
import { readCellTime, type CellTime, type TableCell } from './cells';
import type { DateOrder, TableProfile } from './profile';
import type { TableSource } from './table-reader';

/** The run's `--assume-zone` wins over the profile's zone; the DST choice is the run's. */
export function tableStampOptions(options: ParseOptions): StampOptions {
  const zone = options.assumeZone ?? options.profile?.zone;
  const out: {
    assumeZone?: string;
    ambiguousTime?: NonNullable<StampOptions['ambiguousTime']>;
  } = {};
  if (zone !== undefined) out.assumeZone = zone;
  if (options.ambiguousTime !== undefined) out.ambiguousTime = options.ambiguousTime;
  return out;
}

/** How one table's time cells are read: zone, date order and Excel date system, decided once. */
export interface TableTimeSettings {
  readonly stampOptions: StampOptions;
  readonly dateSystem: ExcelDateSystem;
  readonly dateOrder?: DateOrder;
}

export function tableTimeSettings(
  options: ParseOptions,
  source: TableSource,
  format: TableProfile['format'],
): TableTimeSettings {
  const profile = options.profile?.format === format ? options.profile : undefined;
  return {
    stampOptions: tableStampOptions(options),
    // The workbook's own flag wins; the profile's is for sources that do not say.
    dateSystem: source.dateSystem ?? profile?.dateSystem ?? '1900',
    ...(profile?.dateOrder === undefined ? {} : { dateOrder: profile.dateOrder }),
  };
}

/** One time cell of a row (with the row's zone cell), its warnings emitted; null when empty. */
export function readRowTime(
  settings: TableTimeSettings,
  cell: TableCell | undefined,
  zoneCell: TableCell | undefined,
  locator: Locator,
  emit: Emit,
): CellTime | null {
  const r = readCellTime(cell, zoneCell, { ...settings, locator });
  emit.warnings(r.warnings);
  return r.time;
}
