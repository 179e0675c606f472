/**
 * Ordinary least squares for the handful of coefficients an ANCOVA needs: the
 * normal equations XᵀX b = Xᵀy solved by Gaussian elimination with partial pivoting.
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

export interface LeastSquaresFit { coefficients: number[]; residualSumOfSquares: number }

/**
 * Fits y = X b by least squares; null when the columns of X are collinear.
 * The design is given as a function filling row r into `into`, so that no row
 * arrays are built for thousands of patients; one pass builds XᵀX and Xᵀy.
 */
export function fitLeastSquares(
  rows: number,
  width: number,
  fillRow: (r: number, into: Float64Array) => void,
  response: (r: number) => number,
): LeastSquaresFit | null {
  const x = new Float64Array(width)
  const normal = Array.from({ length: width }, () => new Array<number>(width).fill(0))
  const moment = new Array<number>(width).fill(0)
  for (let r = 0; r < rows; r++) {
    fillRow(r, x)
    const y = response(r)
    for (let i = 0; i < width; i++) {
      const xi = x[i]
      if (xi === 0) continue
      moment[i] += xi * y
      for (let j = i; j < width; j++) normal[i][j] += xi * x[j]
    }
  }
  for (let i = 0; i < width; i++) for (let j = 0; j < i; j++) normal[i][j] = normal[j][i]
  const coefficients = solveLinearSystem(normal, moment)
  if (!coefficients) return null
  let residualSumOfSquares = 0
  for (let r = 0; r < rows; r++) {
    fillRow(r, x)
    let fitted = 0
    for (let i = 0; i < width; i++) fitted += x[i] * coefficients[i]
    residualSumOfSquares += (response(r) - fitted) ** 2
  }
  return { coefficients, residualSumOfSquares }
}
