/** English strings of message attachments, message actions and interactive dialogs (spread into en.ts). */
export const interactiveEn = {
  'interactive.menu.noResults': 'No matches',
  'interactive.dialog.submit': 'Submit',
  'interactive.dialog.required': 'This field is required.',
  'interactive.dialog.minLength': 'Enter at least {min} characters.',
  'interactive.dialog.maxLength': 'Enter at most {max} characters.',
  'interactive.dialog.email': 'Enter a valid email address.',
  'interactive.dialog.number': 'Enter a number.',
  'interactive.dialog.url': 'Enter a web address starting with http:// or https://.',
  'interactive.dialog.tel': 'Enter a valid phone number.',
} as const;
