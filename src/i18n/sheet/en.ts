/*
 * The home-exercise sheet's own words. They are printed in the sheet's language
 * (the runner's), which need not be the language of the screen; de.ts has the
 * same keys. Exercise names, cues and notes come translated from the catalogue.
 */

const en = {
  title: 'Home exercises',
  weekOf: 'Week {week} of {weeks}',
  patient: 'Patient',
  clinicId: 'Clinic ID',
  program: 'Program',
  date: 'Date',
  therapist: 'Therapist',
  phone: 'Phone',
  email: 'E-mail',
  intro: 'Do this program on {count} days this week when you have no session at the clinic: warm-up, exercises, cool-down.',
  sections: { warmUp: 'Warm-up', exercises: 'Exercises', coolDown: 'Cool-down' },
  illustration: 'Drawing: {name}',
  progression: 'Next step',
  safety: 'Safety',
  safetyFirst: 'Safety first',
  dosage: {
    /** Plural by sets: one set reads without "1 ×". */
    reps: '{reps} repetitions | {sets} × {reps} repetitions',
    hold: 'hold {hold} s | {sets} × hold {hold} s',
    duration: '{duration} | {sets} intervals of {duration}',
    minutes: '{minutes} min',
    minutesSeconds: '{minutes} min {seconds} s',
    seconds: '{seconds} s',
  },
  stopRules: {
    title: 'When to stop and get help',
    emergencyLead: 'Stop at once and see a doctor the same day (emergency department) if you notice:',
    saddle: 'new numbness between your legs, around your buttocks or on your inner thighs',
    bothLegs: 'new numbness or weakness in both legs',
    bladderBowel: 'new problems passing or holding urine or stool',
    callLead: 'Stop the exercises and call the clinic or your doctor if you have:',
    callLeadPhone: 'Stop the exercises and call the clinic ({phone}) or your doctor if you have:',
    fever: 'fever or chills',
    weightLoss: 'weight loss you cannot explain',
    nightPain: 'severe pain at night',
    legPain: 'pain spreading into your leg with numbness',
    worseAfter: 'pain clearly worse after exercising that lasts more than a day',
    normal: 'Mild muscle soreness for a day or two is normal and no reason to stop.',
  },
  log: {
    title: 'My home sessions this week',
    day: 'Day',
    done: 'Done',
    pain: 'Pain (0–10)',
    notes: 'Notes',
    hint: 'Tick the days you did the program; pain: 0 = none, 10 = worst imaginable. Please bring this sheet to your next session.',
    weekdays: { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' },
  },
}

export type SheetMessages = typeof en
export default en
