/** Labels of the entry page, in English and Spanish (the keys must match). */
export const entry = {
  en: {
    title: 'Data entry',
  },
  es: {
    title: 'Ingreso de datos',
  },
};
