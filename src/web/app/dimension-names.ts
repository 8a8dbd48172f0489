/**
 * Names of disaggregation dimensions and their options in the current language, from the
 * program's dimensions.json (GET /api/programs/{program}/dimensions); the code itself while
 * they load, or when a name is missing.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dimension } from '../api/types';
import { localName } from '../i18n/local-name';
import { useDimensions } from './queries';

export interface DimensionNames {
  /** `substance` → "Substance". */
  dimension(code: string): string;
  /** `substance`, `cocaine_base` → "Cocaine base (PBC)". */
  option(dimension: string, code: string): string;
  /** A disaggregation key, `substance=cocaine_base;sex=f` → "Substance: Cocaine base (PBC); Sex: Female"; '' stays ''. */
  disagg(key: string): string;
}

export function dimensionNames(dimensions: readonly Dimension[] | undefined, language: string): DimensionNames {
  const dims = new Map(
    (dimensions ?? []).map((d) => [d.code, { name: localName(d, language), options: new Map(d.options.map((o) => [o.code, localName(o, language)])) }]),
  );
  const dimension = (code: string) => dims.get(code)?.name || code;
  const option = (dim: string, code: string) => dims.get(dim)?.options.get(code) || code;
  const disagg = (key: string) =>
    key
      .split(';')
      .filter(Boolean)
      .map((pair) => {
        const at = pair.indexOf('=');
        return at < 0 ? pair : `${dimension(pair.slice(0, at))}: ${option(pair.slice(0, at), pair.slice(at + 1))}`;
      })
      .join('; ');
  return { dimension, option, disagg };
}

/** The program's dimension names in the current language. */
export function useDimensionNames(program: string): DimensionNames {
  const { i18n } = useTranslation();
  const dimensions = useDimensions(program);
  return useMemo(() => dimensionNames(dimensions.data, i18n.language), [dimensions.data, i18n.language]);
}
