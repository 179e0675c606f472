/**
 * `backstride stats --json | head`: when the reader closes the pipe early, the
 * command ends quietly (exit code 0, no stack trace), as command-line tools do.
 * Any other output error is still reported.
 */
export function endQuietlyOnBrokenPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0)
      throw error
    })
  }
}
