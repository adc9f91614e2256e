import type { StampOptions } from '../../time/stamp';
import type { ParseOptions } from '../types';

/** The run's `--assume-zone` wins over the profile's zone; the DST choice is the run's. */
export function tableStampOptions(options: ParseOptions): StampOptions {
  const zone = options.assumeZone ?? options.profile?.zone;
  const out: { assumeZone?: string; ambiguousTime?: NonNullable<StampOptions['ambiguousTime']> } =
    {};
  if (zone !== undefined) out.assumeZone = zone;
  if (options.ambiguousTime !== undefined) out.ambiguousTime = options.ambiguousTime;
  return out;
}
