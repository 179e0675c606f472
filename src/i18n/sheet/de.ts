import type { SheetMessages } from './en'

/* Die Wörter des Heimübungsblatts, auf Deutsch: dieselben Schlüssel wie en.ts. */

export default {
  title: 'Heimübungen',
  weekOf: 'Woche {week} von {weeks}',
  patient: 'Patient/in',
  clinicId: 'Praxis-ID',
  program: 'Programm',
  date: 'Datum',
  therapist: 'Therapeut/in',
  phone: 'Telefon',
  email: 'E-Mail',
  intro: 'Machen Sie dieses Programm diese Woche an {count} Tagen, und zwar an Tagen, an denen Sie keinen Termin in der Praxis haben: Aufwärmen, Übungen, Abwärmen.',
  sections: { warmUp: 'Aufwärmen', exercises: 'Übungen', coolDown: 'Abwärmen' },
  illustration: 'Zeichnung: {name}',
  progression: 'Nächster Schritt',
  safety: 'Sicherheit',
  safetyFirst: 'Sicherheit geht vor',
  optional: 'Freiwillig',
  dosage: {
    reps: '{reps} Wiederholungen | {sets} × {reps} Wiederholungen',
    hold: '{hold} s halten | {sets} × {hold} s halten',
    duration: '{duration} | {sets} Intervalle von je {duration}',
    minutes: '{minutes} min',
    minutesSeconds: '{minutes} min {seconds} s',
    seconds: '{seconds} s',
  },
  warningSigns: {
    title: 'Warnzeichen: Wann Sie aufhören und Hilfe holen sollten',
    lead: 'Hören Sie auf zu üben und holen Sie Hilfe, wie hinter jedem Zeichen angegeben:',
    actions: {
      immediately: 'sofort: Notaufnahme oder Notruf',
      doctor_soon: 'in den nächsten Tagen zur Ärztin / zum Arzt',
      tell_therapist: 'beim nächsten Termin Ihrer Therapeutin / Ihrem Therapeuten sagen oder die Praxis anrufen',
    },
    signs: {
      saddle_numbness: 'Neues Taubheitsgefühl zwischen den Beinen, am Gesäß oder innen an den Oberschenkeln',
      bladder_bowel: 'Neue Probleme, Urin oder Stuhl zu lassen oder zu halten',
      both_legs: 'Neue Schwäche oder Taubheit in beiden Beinen',
      leg_weakness: 'Neue Schwäche in einem Bein oder Fuß, oder der Fuß hängt oder schleift',
      radiating_pain: 'Schmerzen, die ins Bein ausstrahlen',
      leg_numbness: 'Taubheit oder Kribbeln in einem Bein',
      fever: 'Fieber oder Schüttelfrost',
      weight_loss: 'Gewichtsverlust ohne erkennbaren Grund',
      night_pain: 'Starke Schmerzen nachts oder im Liegen',
      ten_days: 'Schmerzen, die trotz der Übungen und der Hinweise auf diesem Blatt länger als zehn Tage anhalten',
      worse_after_exercise: 'Schmerzen, die nach dem Üben deutlich stärker sind und länger als einen Tag anhalten',
    },
    clinicPhone: 'Die Praxis: {phone}',
    operation: 'Nach einer Rückenoperation oder bei bestehenden Rückenproblemen: Lassen Sie sich ärztlich beraten, bevor Sie wieder mit dem Laufen beginnen.',
    normal: 'Leichter Muskelkater für ein bis zwei Tage ist normal und kein Grund aufzuhören.',
  },
  advice: {
    title: 'Laufen mit Rückenschmerzen: Hinweise',
    sections: {
      duringProgram: {
        title: 'Laufen während der acht Wochen',
        choices: {
          keep_running: [
            'Laufen Sie weiter, solange es die Schmerzen zulassen: in Ihrem gewohnten Umfang, an Ihren gewohnten Tagen und in Ihrem gewohnten Tempo, nicht mehr.',
            'Steigern Sie erst, wenn Ihre Therapeutin / Ihr Therapeut zustimmt.',
          ],
          pause_running: [
            'Legen Sie vorerst eine Laufpause ein.',
            'Bleiben Sie stattdessen in Bewegung: Nordic Walking oder Schwimmen schonen den Rücken und lassen ihn sich erholen.',
            'Beginnen Sie erst wieder mit dem Laufen, wenn Ihre Therapeutin / Ihr Therapeut zustimmt.',
          ],
        },
      },
      technique: {
        title: 'Lauftechnik',
        items: [
          'Laufen Sie aufrecht und mit gleichmäßiger Schrittlänge.',
          'Machen Sie etwas kürzere, schnellere Schritte: Eine höhere Schrittfrequenz dämpft die Stöße auf den Rücken.',
          'Vermeiden Sie harte Landungen auf der Ferse und überkreuzte Beine; lassen Sie die Arme mitschwingen.',
        ],
      },
      load: {
        title: 'Langsam steigern, gut erholen',
        items: [
          'Steigern Sie Umfang, Lauftage oder Tempo einzeln und schrittweise, mit Zeit zur Erholung dazwischen.',
          'Finden Sie Ihr Maß: gefordert, aber nicht überfordert.',
          'Wärmen Sie sich vor dem Laufen auf: Hüftkreisen und sanfte Dehnungen.',
        ],
      },
      flare: {
        title: 'Wenn die Schmerzen aufflammen',
        items: [
          'Wärme entspannt die Muskeln: ein Wärmekissen oder ein warmes Bad.',
          'Bewegen Sie sich sanft: Katze-Kuh und Stellung des Kindes, wie beim Abwärmen.',
          'Ersetzen Sie das Laufen eine Zeit lang durch Nordic Walking oder Schwimmen.',
          'Wenn es nach zehn Tagen nicht besser ist, gehen Sie zur Ärztin / zum Arzt.',
        ],
      },
      shoes: {
        title: 'Schuhe und Untergrund',
        items: ['Gut gedämpfte Laufschuhe, die den Fuß stützen.', 'Weicher, federnder Boden wie Waldwege statt Asphalt oder Beton.'],
      },
    },
  },
  log: {
    title: 'Meine Heimübungen diese Woche',
    day: 'Tag',
    done: 'Erledigt',
    pain: 'Schmerz (0–10)',
    notes: 'Notizen',
    painWhen: 'Wann bewerten: An jedem Übungstag direkt vor Beginn den Kreuzschmerz eintragen (0–10).',
    hint: 'Übungstage abhaken; Schmerz: 0 = kein Schmerz, 10 = stärkster vorstellbarer Schmerz. Bitte bringen Sie dieses Blatt zum nächsten Termin mit.',
    weekdays: { mon: 'Montag', tue: 'Dienstag', wed: 'Mittwoch', thu: 'Donnerstag', fri: 'Freitag', sat: 'Samstag', sun: 'Sonntag' },
  },
} satisfies SheetMessages
