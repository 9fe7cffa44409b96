// Errors a backend raises through the operator interface (landau-operator.ts), whichever device it
// runs on: the front ends tell them apart from their users' faults and from the program's.

/** The device went away under a running backend (driver reset, sleep, destroy()): its buffers are gone. */
export class DeviceLostError extends Error {
  override name = 'DeviceLostError';
}
