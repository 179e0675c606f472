/**
 * Names for simulated runners: common German and English first and last names.
 * A German-named runner mostly prefers German sheets, an English-named one English.
 */
export const FIRST_NAMES = {
  de: {
    female: ['Anna', 'Lena', 'Julia', 'Katharina', 'Sophie', 'Laura', 'Miriam', 'Sabine', 'Claudia', 'Jana', 'Franziska', 'Jule', 'Birgit', 'Greta', 'Lisa', 'Tanja'],
    male: ['Lukas', 'Jonas', 'Felix', 'Maximilian', 'Tobias', 'Stefan', 'Florian', 'Matthias', 'Jan', 'Niklas', 'Sebastian', 'Jörg', 'Uwe', 'Moritz', 'Philipp', 'Andreas'],
  },
  en: {
    female: ['Emma', 'Olivia', 'Charlotte', 'Amelia', 'Sophie', 'Grace', 'Hannah', 'Chloe', 'Emily', 'Lucy', 'Megan', 'Rachel', 'Sarah', 'Zoe', 'Holly', 'Ella'],
    male: ['James', 'Oliver', 'Jack', 'Harry', 'George', 'Thomas', 'William', 'Daniel', 'Samuel', 'Joseph', 'Matthew', 'Ryan', 'Liam', 'Ethan', 'Adam', 'Owen'],
  },
} as const

export const LAST_NAMES = {
  de: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Koch', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Braun', 'Zimmermann', 'Krüger', 'Hartmann', 'Lange', 'Werner', 'Meier', 'Vogel'],
  en: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Clarke', 'Hughes', 'Edwards', 'Turner', 'Mitchell', 'Cooper'],
} as const

/** An e-mail address on example.org (reserved for examples: it reaches no one). */
export function demoEmail(firstName: string, lastName: string, n: number): string {
  const ascii = (s: string) =>
    s
      .toLowerCase()
      .replace(/ä/g, 'ae')
      .replace(/ö/g, 'oe')
      .replace(/ü/g, 'ue')
      .replace(/ß/g, 'ss')
      .replace(/[^a-z]/g, '')
  return `${ascii(firstName)}.${ascii(lastName)}${n}@example.org`
}
