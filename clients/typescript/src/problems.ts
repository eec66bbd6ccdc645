import { ResponseError } from '../generated/runtime.js';
import { type Problem, ProblemFromJSON } from '../generated/models/Problem.js';

/**
 * An error answer of the API: its HTTP status and the RFC 9457 problem document it carried
 * (absent when the body was not one, e.g. from a proxy in between).
 */
export class SlipwayError extends Error {
  override name = 'SlipwayError';
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
    readonly response: Response,
  ) {
    super(`HTTP ${status}${problem?.title ? `: ${problem.title}` : ''}${problem?.detail ? ` (${problem.detail})` : ''}`);
  }
}

/** Reads the problem document of a failed response. */
export async function errorFromResponse(response: Response): Promise<SlipwayError> {
  let problem: Problem | undefined;
  const type = response.headers.get('Content-Type') ?? '';
  if (/json/i.test(type)) {
    try {
      problem = ProblemFromJSON(await response.clone().json());
    } catch {
      problem = undefined;
    }
  }
  return new SlipwayError(response.status, problem, response);
}

/**
 * The SlipwayError behind an error thrown by a generated call (which throws the generator's
 * ResponseError with the raw response), or the error itself when it already is one; undefined
 * for anything else (network failures, bugs).
 */
export async function asSlipwayError(error: unknown): Promise<SlipwayError | undefined> {
  if (error instanceof SlipwayError) {
    return error;
  }
  if (error instanceof ResponseError) {
    return errorFromResponse(error.response);
  }
  return undefined;
}

/** Runs a call and answers the HTTP status it failed with, or throws if it did not fail with one. */
export async function statusOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
  } catch (error) {
    const failure = await asSlipwayError(error);
    if (failure) {
      return failure.status;
    }
    throw error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
