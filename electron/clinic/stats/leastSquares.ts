/**
 * The normal equations of the handful of coefficients an ANCOVA needs, solved
 * by Gaussian elimination with partial pivoting.
 */

/** A pivot smaller than this fraction of its column's scale means the columns are collinear. */
const SINGULAR_TOLERANCE = 1e-10

/** Solves A x = b; null when A is singular (some column is a combination of the others). */
export function solveLinearSystem(matrix: readonly (readonly number[])[], rhs: readonly number[]): number[] | null {
  const size = rhs.length
  const rows = matrix.map((row, i) => [...row, rhs[i]])
  const scale = Array.from({ length: size }, (_, column) => Math.max(...matrix.map((row) => Math.abs(row[column]))))
  for (let column = 0; column < size; column++) {
    let pivotRow = column
    for (let row = column + 1; row < size; row++) {
      if (Math.abs(rows[row][column]) > Math.abs(rows[pivotRow][column])) pivotRow = row
    }
    if (Math.abs(rows[pivotRow][column]) <= SINGULAR_TOLERANCE * scale[column]) return null
    ;[rows[column], rows[pivotRow]] = [rows[pivotRow], rows[column]]
    for (let row = column + 1; row < size; row++) {
      const factor = rows[row][column] / rows[column][column]
      for (let k = column; k <= size; k++) rows[row][k] -= factor * rows[column][k]
    }
  }
  const solution = new Array<number>(size).fill(0)
  for (let row = size - 1; row >= 0; row--) {
    let sum = rows[row][size]
    for (let k = row + 1; k < size; k++) sum -= rows[row][k] * solution[k]
    solution[row] = sum / rows[row][row]
  }
  return solution
}
