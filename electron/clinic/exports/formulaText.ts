/*
 * Formula injection in spreadsheets, kept apart from the CSV writer so that
 * the renderer (the patient import's preview) reads text back without
 * loading the writer's Node dependencies.
 */

/**
 * A text that a spreadsheet would run as a formula: starting with =, +, -, @,
 * a tab or a carriage return (a patient named =HYPERLINK(...), a note +SUM(...)).
 */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * Text cells that start like a formula get a single quote ' in front, so a
 * spreadsheet shows them as text and runs nothing. Numbers are written as
 * numbers (-2.5 stays -2.5: the app writes them, a number is never a formula),
 * so only text values, which may come from what someone typed, are touched.
 * The data dictionary says so; the patient import takes the quote off again.
 */
export const neutralisedText = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text)

/** A text cell as written by neutralisedText, as it was typed. */
export const unneutralisedText = (text: string): string => (text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text)
