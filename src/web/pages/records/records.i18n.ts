/** Labels of the records page, in English and Spanish (the keys must match). */
export const records = {
  en: {
    title: 'Records',
  },
  es: {
    title: 'Registros',
  },
};
