/** Labels of the account page, in English and Spanish (the keys must match). */
export const account = {
  en: {
    title: 'Your account',
    details: 'Your account details',
    email: 'Email',
    role: 'Role',
    organisation: 'Organisation',
    name: 'Display name',
    nameHint: 'how others see you in Vigia',
    change: 'Change your display name',
    saved: 'Your display name is now {{name}}.',
    nameRequired: 'A display name is required.',
  },
  es: {
    title: 'Su cuenta',
    details: 'Datos de su cuenta',
    email: 'Correo electrónico',
    role: 'Función',
    organisation: 'Organización',
    name: 'Nombre visible',
    nameHint: 'cómo lo ven los demás en Vigia',
    change: 'Cambiar su nombre visible',
    saved: 'Su nombre visible ahora es {{name}}.',
    nameRequired: 'El nombre visible es obligatorio.',
  },
} as const;
