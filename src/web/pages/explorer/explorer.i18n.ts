/** Labels of the explorer page, in English and Spanish (the keys must match). */
export const explorer = {
  en: {
    title: 'Explorer',
  },
  es: {
    title: 'Explorador',
  },
};
