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
  intro: 'Do this program on {count} days this week, on days without a session at the clinic: warm-up, exercises, cool-down.',
  sections: { warmUp: 'Warm-up', exercises: 'Exercises', coolDown: 'Cool-down' },
  illustration: 'Drawing: {name}',
  progression: 'Next step',
  safety: 'Safety',
  safetyFirst: 'Safety first',
  optional: 'Optional',
  dosage: {
    /** Plural by sets: one set reads without "1 ×". */
    reps: '{reps} repetitions | {sets} × {reps} repetitions',
    hold: 'hold {hold} s | {sets} × hold {hold} s',
    duration: '{duration} | {sets} intervals of {duration}',
    minutes: '{minutes} min',
    minutesSeconds: '{minutes} min {seconds} s',
    seconds: '{seconds} s',
  },
  warningSigns: {
    title: 'Warning signs: when to stop and get help',
    lead: 'Stop exercising and get help as shown after each sign:',
    actions: {
      immediately: 'at once: emergency department or emergency call',
      doctor_soon: 'see a doctor within the next few days',
      tell_therapist: 'tell your therapist at the next session, or call the clinic',
    },
    signs: {
      saddle_numbness: 'New numbness between your legs, around your buttocks or on your inner thighs',
      bladder_bowel: 'New problems passing or holding urine or stool',
      both_legs: 'New weakness or numbness in both legs',
      leg_weakness: 'New weakness in one leg or foot, or your foot drops or drags',
      radiating_pain: 'Pain that spreads into your leg',
      leg_numbness: 'Numbness or tingling in a leg',
      fever: 'Fever or chills',
      weight_loss: 'Weight loss you cannot explain',
      night_pain: 'Severe pain at night or when lying down',
      ten_days: 'Pain that lasts more than ten days despite the exercises and the advice on this sheet',
      worse_after_exercise: 'Pain clearly worse after exercising that lasts more than a day',
    },
    clinicPhone: 'The clinic: {phone}',
    operation: 'After a back operation, or if you already have other back problems: see a doctor before you start running again.',
    normal: 'Mild muscle soreness for a day or two is normal and no reason to stop.',
  },
  advice: {
    title: 'Running with back pain: advice',
    sections: {
      duringProgram: {
        title: 'Running during the eight weeks',
        /** The therapist's advice for this runner (RUNNING_ADVICE): one of these is printed. */
        choices: {
          keep_running: [
            'Keep running as long as your pain allows: at your usual distance, on your usual days and at your usual pace, not more.',
            'Build up only when your therapist agrees.',
          ],
          pause_running: [
            'Pause running for now.',
            'Stay active instead: Nordic walking or swimming spare your back and let it recover.',
            'Start running again only when your therapist agrees.',
          ],
        },
      },
      technique: {
        title: 'Running technique',
        items: [
          'Run upright, with an even stride length.',
          'Take slightly shorter, quicker steps: a higher step rate softens the jolt on your back.',
          'Avoid landing hard on your heel and crossing your legs; let your arms swing.',
        ],
      },
      load: {
        title: 'Build up gradually, recover well',
        items: [
          'Raise distance, running days or pace one at a time and step by step, with time to recover in between.',
          'Find your balance: challenged, but not overwhelmed.',
          'Warm up before you run: hip circles and gentle stretches.',
        ],
      },
      flare: {
        title: 'If the pain flares up',
        items: [
          'Warmth relaxes the muscles: a heat pad or a warm bath.',
          'Move gently: cat-cow and child’s pose, as in the cool-down.',
          'For a while, swap running for Nordic walking or swimming.',
          'If it is not better after ten days, see a doctor.',
        ],
      },
      shoes: {
        title: 'Shoes and ground',
        items: ['Well-cushioned running shoes that support your foot.', 'Soft, springy ground such as forest paths rather than asphalt or concrete.'],
      },
    },
  },
  log: {
    title: 'My home sessions this week',
    day: 'Day',
    done: 'Done',
    pain: 'Pain (0–10)',
    notes: 'Notes',
    painWhen: 'When to rate pain: on each exercise day, just before you start, write down your low back pain (0–10).',
    hint: 'Tick the days you did the program; pain: 0 = no pain, 10 = worst pain imaginable. Please bring this sheet to your next session.',
    weekdays: { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' },
  },
}

export type SheetMessages = typeof en
export default en
