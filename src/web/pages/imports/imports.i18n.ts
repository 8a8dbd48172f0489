/** Labels of the imports page, in English and Spanish (the keys must match). */
export const imports = {
  en: {
    title: 'Imports',
  },
  es: {
    title: 'Importaciones',
  },
};
