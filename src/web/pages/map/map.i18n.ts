/** Labels of the map page, in English and Spanish (the keys must match). */
export const map = {
  en: {
    title: 'Map',
  },
  es: {
    title: 'Mapa',
  },
};
