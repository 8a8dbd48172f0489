/** Labels of validation warnings on values (rules and outliers), shared by data entry, approvals and the data quality page (under common's `flags`). */
export const flags = {
  en: {
    warning: 'Warning {{rule}}: {{text}}',
    refusal: 'Will be refused by {{rule}}: {{text}}',
    refused: 'Not saved: {{message}}',
    acknowledged: 'Acknowledged: {{comment}}',
    above: 'above the maximum {{limit}}',
    below: 'below the minimum {{limit}}',
    whole: 'must be a whole number',
    outlier: 'outside the expected range {{low}} – {{high}}',
    relation: 'the relation between indicators does not hold',
    other: 'check this value',
  },
  es: {
    warning: 'Advertencia {{rule}}: {{text}}',
    refusal: 'La regla {{rule}} lo rechazará: {{text}}',
    refused: 'No se guardó: {{message}}',
    acknowledged: 'Revisada: {{comment}}',
    above: 'por encima del máximo {{limit}}',
    below: 'por debajo del mínimo {{limit}}',
    whole: 'debe ser un número entero',
    outlier: 'fuera del rango esperado {{low}} – {{high}}',
    relation: 'la relación entre indicadores no se cumple',
    other: 'revise este valor',
  },
};
