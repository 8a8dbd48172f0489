/**
 * The program's design as the web app reads it (GET …/design answers a loose record in the
 * OpenAPI document, since its items are the program folder's own): goals and components,
 * sources, dimensions with options, indicators; each with its retired mark.
 */
export interface Names {
  en: string;
  es: string;
}

export interface DesignNode {
  code: string;
  kind: 'goal' | 'component';
  parent: string | null;
  name_en: string;
  name_es: string;
  description_en?: string | null;
  description_es?: string | null;
  retired: boolean;
}

export interface DesignOption {
  code: string;
  name: Names;
  retired: boolean;
}

export interface DesignDimension {
  code: string;
  name: Names;
  retired: boolean;
  options: DesignOption[];
}

export interface DesignSource {
  code: string;
  name_en: string;
  name_es: string;
}

export interface DesignIndicator {
  code: string;
  component: string | null;
  name: Names;
  unit: string;
  origin: string;
  formula: string | null;
  dimensions: string[];
  retired: boolean;
  [field: string]: unknown;
}

export interface ProgramDesign {
  framework: DesignNode[];
  sources: DesignSource[];
  dimensions: DesignDimension[];
  indicators: DesignIndicator[];
}

/** `{en, es}` names as the app's name helpers read them. */
export const bilingual = (n: Names) => ({ name_en: n.en, name_es: n.es });
