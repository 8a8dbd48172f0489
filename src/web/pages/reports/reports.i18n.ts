/** Labels of the reports page, in English and Spanish (the keys must match). */
export const reports = {
  en: {
    title: 'Reports',
  },
  es: {
    title: 'Informes',
  },
};
